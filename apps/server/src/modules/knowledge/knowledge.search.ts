import { type SQL, sql } from 'drizzle-orm';
import { normalizeSearch, searchTerms, textSearchCondition } from '../../platform/search/text-search.ts';
import { kbArticles } from './knowledge.table.ts';

// Words that say nothing about the problem; hiragana runs (particles, okurigana: に, できません) are dropped anyway.
const englishStopwords = new Set(
  'a an the and or but not no to of in on at for from with by is are was were be been am do does did have has had i me my we our you your it its this that these those there here can cannot cant could will would should please help hello hi dear thanks thank regards when what why how which who get got use using work working'.split(
    ' ',
  ),
);
const japaneseStopwords = new Set(['お願い', '願い', '質問', '問い合わせ', 'ください', '下さい', '場合', '状態', '方法', '件', '表示']);

/**
 * The significant terms of a text someone is typing, most specific first: Latin words (2+ letters, no stopwords),
 * katakana runs and kanji runs (2+ characters). Splitting at hiragana turns 「VPNに接続できません」 into vpn, 接続 —
 * the words an article about the problem contains, where the whole phrase would match nothing.
 */
export function significantTerms(text: string, max = 6): string[] {
  const norm = normalizeSearch(text).slice(0, 2000);
  const found: string[] = [];
  for (const m of norm.matchAll(/[a-z0-9][a-z0-9.+#-]*[a-z0-9+#]|[\u30a0-\u30ffー]{2,}|[\u3400-\u9fff々]{2,}/gu)) {
    const t = m[0];
    if (/^[a-z0-9]/.test(t) && (t.length < 2 || englishStopwords.has(t) || /^\d+$/.test(t))) continue;
    if (japaneseStopwords.has(t)) continue;
    if (!found.includes(t)) found.push(t);
  }
  // Longer terms are rarer, so they rank the candidates better; keep the typing order among equals.
  return found
    .map((t, i) => ({ t, i }))
    .sort((a, b) => [...b.t].length - [...a.t].length || a.i - b.i)
    .slice(0, max)
    .map((x) => x.t);
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The normalized titles of both languages, for ranking title hits above body hits. */
export const titleText = sql`unyo_search_norm(concat_ws(' ', ${kbArticles.titleJa}, ${kbArticles.titleEn}))`;

/** Number of terms found in the titles (computed only over rows the index already matched). */
export function titleScore(terms: string[]): SQL {
  if (terms.length === 0) return sql`0`;
  return sql.join(
    terms.map((t) => sql`(case when ${titleText} like ${`%${likeEscape(t)}%`} then 1 else 0 end)`),
    sql` + `,
  );
}

/** Score of a suggestion: a title hit counts three, a body/tag hit one; rows must match at least one term. */
export function suggestionMatch(terms: string[]): { where: SQL; score: SQL } {
  const conds = terms.map((t) => textSearchCondition(kbArticles.searchText, kbArticles.searchGrams, t)!);
  const score = sql.join(
    terms.map((t, i) => sql`(case when ${conds[i]} then 1 else 0 end) + (case when ${titleText} like ${`%${likeEscape(t)}%`} then 2 else 0 end)`),
    sql` + `,
  );
  return { where: sql`(${sql.join(conds, sql` or `)})`, score };
}

export { searchTerms };
