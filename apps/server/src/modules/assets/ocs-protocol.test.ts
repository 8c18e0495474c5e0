import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import zlib from 'node:zlib';
import { fakeSoftware, inventoryXml } from '../../test/fusion-agent.ts';
import { decodeOcsBody, encodeOcsReply, guessCategory, inventoryReportOf, parseElementXml, parseOcsRequest, usableSerial } from './ocs-protocol.ts';

describe('OCS protocol reader', () => {
  test('reads element XML: entities, CDATA, repeated elements become arrays, attributes and comments ignored', () => {
    const doc = parseElementXml(
      '<?xml version="1.0" encoding="UTF-8" ?>\n<!-- c --><R a="1"><X> a &amp; b &#x41;&#12354; </X><X>2</X><E/><C><![CDATA[<&>]]></C><N><M>v</M></N></R>',
    );
    assert.deepEqual(doc, { R: { X: ['a & b Aあ', '2'], E: '', C: '<&>', N: { M: 'v' } } });
    assert.throws(() => parseElementXml('<R><X>1</Y></R>'), /unexpected/);
    assert.throws(() => parseElementXml('<R><X>1</X>'), /unclosed/);
  });

  test('an inventory becomes a normalized report: physical NICs only, placeholder serials dropped, software de-duplicated', () => {
    const xml = inventoryXml({
      deviceId: 'pc-1',
      hostName: 'pc-1',
      serial: 'To be filled by O.E.M.',
      uuid: '00000000-0000-0000-0000-000000000000',
      nics: [['00-1A-2B-3C-4D-5E', '10.0.0.5']],
      software: [...fakeSoftware(3), ...fakeSoftware(3)],
    });
    const r = inventoryReportOf(parseOcsRequest(xml));
    assert.equal(r.deviceId, 'pc-1');
    assert.equal(r.serialNumber, null);
    assert.equal(r.biosUuid, null);
    assert.deepEqual(r.macAddresses, ['00:1a:2b:3c:4d:5e'], 'loopback (zero MAC) and docker0 (virtual) are skipped');
    assert.deepEqual(r.ipAddresses, ['10.0.0.5']);
    assert.equal(r.software.length, 3);
    assert.equal(r.osVersion, '12.5');
  });

  test('placeholder serials and chassis-based categories', () => {
    for (const s of ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0', '00000000', 'N/A', ' ', '123456789']) {
      assert.equal(usableSerial(s), null, s);
    }
    assert.equal(usableSerial('5CG1234XYZ'), '5CG1234XYZ');
    assert.equal(guessCategory({ chassis: 'Notebook', vmSystem: 'Physical', osName: 'Windows 11' }), 'notebook_pc');
    assert.equal(guessCategory({ chassis: 'Rack Mount Chassis', vmSystem: null, osName: null }), 'server');
    assert.equal(guessCategory({ chassis: null, vmSystem: 'VMware', osName: 'Microsoft Windows 11 Pro' }), 'virtual_pc');
    assert.equal(guessCategory({ chassis: null, vmSystem: 'Docker', osName: 'Debian GNU/Linux 12' }), 'virtual_server');
    assert.equal(guessCategory({ chassis: 'Desktop', vmSystem: 'Physical', osName: 'Windows 10' }), 'desktop_pc');
  });

  test('bodies: zlib, gzip and plain are read; replies are zlib at the default level', async () => {
    const xml = '<REQUEST><QUERY>PROLOG</QUERY><DEVICEID>d</DEVICEID></REQUEST>';
    for (const body of [zlib.deflateSync(xml), zlib.gzipSync(xml), Buffer.from(xml)]) {
      assert.equal(parseOcsRequest(await decodeOcsBody(body)).query, 'PROLOG');
    }
    const reply = await encodeOcsReply({ RESPONSE: 'SEND', PROLOG_FREQ: 24 });
    assert.deepEqual([...reply.subarray(0, 2)], [0x78, 0x9c]);
    assert.match(zlib.inflateSync(reply).toString(), /<REPLY><RESPONSE>SEND<\/RESPONSE><PROLOG_FREQ>24<\/PROLOG_FREQ><\/REPLY>$/);
  });
});
