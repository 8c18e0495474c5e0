import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackupJobUpdateInput } from './backups.ts';
import { messages } from './messages.ts';
import { DepartmentUpdateInput, PersonCreateInput, PersonUpdateInput, personStatuses, SiteCreateInput, SiteUpdateInput, siteKinds, staffTypes } from './org.ts';
import { permissionRegistry, permissionsOf, roleNames, rolePermissions } from './permissions.ts';

test('every role grants only registered permissions; requesters get the portal only', () => {
  for (const role of roleNames) for (const p of rolePermissions[role]) assert.ok(p in permissionRegistry, `${role}: ${p}`);
  assert.deepEqual([...permissionsOf(['requester'])], ['portal.use']);
  assert.ok(permissionsOf(['auditor']).has('audit.read'));
  assert.ok(![...permissionsOf(['auditor'])].some((p) => !p.endsWith('.read') && !p.endsWith('.export')));
});

test('every message and choice has both Japanese and English text', () => {
  for (const [key, m] of Object.entries(messages)) assert.ok(m.ja && m.en, key);
  for (const set of [siteKinds, staffTypes, personStatuses]) for (const c of set.items) assert.ok(c.ja && c.en && c.color, c.value);
  assert.deepEqual(
    staffTypes.items.map((s) => s.ja),
    ['正職員', '嘱託', '派遣', 'アルバイト', 'プロジェクトID', 'ゲスト'],
  );
});

test('site and person schemas normalise and reject what the database would refuse', () => {
  const site = SiteCreateInput.parse({
    code: 'NYC',
    kind: 'overseas',
    nameJa: 'NY',
    nameEn: 'NY',
    country: 'us',
    timeZone: 'America/New_York',
    officeCode: '',
  });
  assert.equal(site.country, 'US');
  assert.equal(site.officeCode, null);
  assert.equal(SiteCreateInput.safeParse({ code: 'X', kind: 'hq', nameJa: 'x', nameEn: 'x', timeZone: 'Tokyo' }).success, false);
  const bad = PersonCreateInput.safeParse({ employeeNumber: '1', nameKanji: '山田', nameKana: 'yamada', staffType: 'regular', siteId: crypto.randomUUID() });
  assert.equal(bad.success, false);
  assert.equal(bad.error?.issues[0].message, 'error.kana');
  assert.equal(
    PersonCreateInput.safeParse({ employeeNumber: '1', nameKanji: '山田', nameKana: 'やまだ　たろう', staffType: 'regular', siteId: crypto.randomUUID() })
      .success,
    true,
  );
});

test('update inputs never fill in defaults for fields the client did not send', () => {
  assert.deepEqual(SiteUpdateInput.parse({ nameJa: '新名称' }), { nameJa: '新名称' });
  assert.deepEqual(DepartmentUpdateInput.parse({ nameJa: '新名称' }), { nameJa: '新名称' });
  assert.deepEqual(PersonUpdateInput.parse({ nameKanji: '新名' }), { nameKanji: '新名' });
  assert.deepEqual(BackupJobUpdateInput.parse({ dueTime: '06:30' }), { dueTime: '06:30' });
  assert.equal(PersonCreateInput.parse({ employeeNumber: '1', nameKanji: '山田', staffType: 'regular', siteId: crypto.randomUUID() }).status, 'active');
});
