import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CatalogIndex } from '@yichuang/core';
import catalog from '../generated/catalog.js';
import { EVERYDAY_QUERIES } from './everyday-queries.js';
import { indexTopFive, judge, pinyinMatchTopFive, topFiveRatio } from './search-quality.js';

const search = indexTopFive(catalog);
const ids = new Set([...catalog.items, ...catalog.bundles].map((entry) => entry.id));
const nameOf = new Map([...catalog.items, ...catalog.bundles].map((entry) => [entry.id, entry.name]));

describe('search quality: everyday queries on the demo catalog', () => {
  it('is a set of at least 60 queries, typed every way, each accepting items the catalog has', () => {
    expect(EVERYDAY_QUERIES.length).to.be.at.least(60);
    const hows = new Set(EVERYDAY_QUERIES.map((q) => q.how));
    expect([...hows]).to.have.members(['chinese', 'pinyin', 'initials', 'mixed']);
    for (const q of EVERYDAY_QUERIES) {
      expect(q.accept.length, q.query).to.be.above(0);
      for (const id of q.accept) expect(ids.has(id), `${q.query} accepts ${id}`).to.equal(true);
    }
    expect(new Set(EVERYDAY_QUERIES.map((q) => q.query)).size).to.equal(EVERYDAY_QUERIES.length);
  });

  it('answers at least 90% of them with an accepted item or bundle in the first five hits', () => {
    const missed = judge(search, EVERYDAY_QUERIES)
      .filter((result) => !result.passed)
      .map((result) => `${result.query} → ${result.hits.map((id) => nameOf.get(id)).join('、') || '(nothing)'}`);
    const ratio = topFiveRatio(search, EVERYDAY_QUERIES);
    expect(ratio, `missed:\n${missed.join('\n')}`).to.be.at.least(0.9);
    // And far better than matching pinyin over names alone.
    expect(ratio).to.be.above(topFiveRatio(pinyinMatchTopFive(catalog), EVERYDAY_QUERIES) + 0.2);
  });

  it('finds what the user report said it missed, in the first five', () => {
    const want: [string, string][] = [
      ['营业执照', 'me-company-establishment'],
      ['yyzz', 'me-company-establishment'],
      ['开公司', 'enterprise-establishment'],
      ['kaigongsi', 'enterprise-establishment'],
      ['gsdj', 'me-company-establishment'],
      ['yibao', 'mi-resident-enrolment'],
      ['sbk', 'si-card-application'],
      ['社保卡', 'si-card-application'],
    ];
    for (const [query, id] of want) expect(search(query), query).to.include(id);
    // Initials two names share: both in the list.
    expect(search('ylbx').some((id) => id.startsWith('mi-'))).to.equal(true);
  });

  it('ranks 社保 before 申报 for shebao', () => {
    const hits = search('shebao');
    expect(hits[0]).to.match(/^si-/);
    expect(hits).to.not.include('tx-clearance');
  });

  it('finds every item and bundle by each of its other words, in Chinese, full pinyin and initials (property)', () => {
    const index = new CatalogIndex(catalog);
    const words = [...catalog.items, ...catalog.bundles].flatMap((entry) =>
      [
        ...('result' in entry ? [entry.result.name] : []),
        ...(entry.aliases ?? []),
        ...('lifeEvents' in entry ? (entry.lifeEvents ?? []) : []),
      ].map((word) => ({ id: entry.id, word, syllables: entry.wordPinyin?.[word] })),
    );
    expect(words.length).to.be.above(500);
    fc.assert(
      fc.property(fc.constantFrom(...words), ({ id, word, syllables }) => {
        const found = (query: string) =>
          index
            .search(query, { limit: 1000 })
            .hits.some((hit) => (hit.kind === 'item' ? hit.item.id : hit.bundle.id) === id);
        expect(found(word), word).to.equal(true);
        const spelled = (syllables ?? []).filter((syllable) => /^[a-z]+$/.test(syllable));
        if (spelled.length !== syllables?.length || spelled.length === 0) return;
        expect(found(spelled.join('')), `${word}: ${spelled.join('')}`).to.equal(true);
        expect(found(spelled.map((syllable) => syllable[0]).join('')), `${word}: initials`).to.equal(true);
      }),
      { numRuns: 300 },
    );
  });
});
