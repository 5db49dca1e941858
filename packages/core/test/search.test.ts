import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CatalogIndex, highlightRuns, queryTerms, type Bundle, type ServiceItem } from '@yichuang/core';

/** A minimal item: search reads only id, name, pinyin and codes. */
function item(id: string, name: string, pinyin: string[], implementationCode = `IMP${id}`): ServiceItem {
  return { id, name, pinyin, implementationCode, basicCode: `B${id}` } as unknown as ServiceItem;
}
function bundle(id: string, name: string, pinyin: string[]): Bundle {
  return { id, name, pinyin, items: [] } as unknown as Bundle;
}

const items = [
  item('1', '城乡居民医疗保险参保登记', [
    'cheng',
    'xiang',
    'ju',
    'min',
    'yi',
    'liao',
    'bao',
    'xian',
    'can',
    'bao',
    'deng',
    'ji',
  ]),
  item('2', '医疗保险', ['yi', 'liao', 'bao', 'xian']),
  item('3', '会计从业资格', ['kuai', 'ji', 'cong', 'ye', 'zi', 'ge']),
  item('4', '养老保险关系转移', ['yang', 'lao', 'bao', 'xian', 'guan', 'xi', 'zhuan', 'yi']),
  item('5', 'ICP备案', ['i', 'c', 'p', 'bei', 'an'], '11120101ICP0001'),
  item('6', '异地就医备案', ['yi', 'di', 'jiu', 'yi', 'bei', 'an']),
];
const bundles = [bundle('b1', '新生儿出生一件事', ['xin', 'sheng', 'er', 'chu', 'sheng', 'yi', 'jian', 'shi'])];
const index = new CatalogIndex({ items, bundles });
const names = (query: string) =>
  index.search(query).hits.map((hit) => (hit.kind === 'item' ? hit.item.name : hit.bundle.name));

describe('CatalogIndex', () => {
  it('finds 医疗保险 by initials, full pinyin, a mix and Chinese, the exact name first', () => {
    for (const query of ['ylbx', 'yiliaobaoxian', 'yiliaobx', 'ylbaox', '医疗保险', 'YLBX', 'yi liao bao xian']) {
      const found = names(query);
      expect(found[0], query).to.equal('医疗保险');
      expect(found, query).to.include('城乡居民医疗保险参保登记');
    }
  });

  it('highlights the matched characters of the name', () => {
    const hit = index.search('ylbx').hits.find((h) => h.kind === 'item' && h.item.id === '1')!;
    expect(hit.ranges).to.deep.equal([[4, 8]]);
    expect(hit.matchedBy).to.equal('initials');
    const runs = highlightRuns('城乡居民医疗保险参保登记', hit.ranges);
    expect(runs).to.deep.equal([
      { text: '城乡居民', mark: false },
      { text: '医疗保险', mark: true },
      { text: '参保登记', mark: false },
    ]);
  });

  it('uses the polyphone reading stored with the catalog (会计 is kuaiji)', () => {
    expect(names('kuaiji')).to.deep.equal(['会计从业资格']);
    expect(names('huiji')).to.deep.equal([]);
  });

  it('requires every term to match and merges their highlights', () => {
    expect(names('养老 zy')).to.deep.equal(['养老保险关系转移']);
    expect(names('养老zy')).to.deep.equal(['养老保险关系转移']);
    const hit = index.search('养老 bx').hits[0]!;
    expect(hit.ranges).to.deep.equal([[0, 4]]);
    expect(names('养老 医疗')).to.deep.equal([]);
  });

  it('finds bundles beside items', () => {
    const { hits } = index.search('xsecs');
    expect(hits).to.have.length(1);
    expect(hits[0]!.kind).to.equal('bundle');
    expect(index.search('xsecs', { kinds: ['item'] }).hits).to.have.length(0);
  });

  it('matches latin names directly and implementation codes by prefix', () => {
    expect(names('icp')[0]).to.equal('ICP备案');
    const byCode = index.search('11120101icp').hits;
    expect(byCode).to.have.length(1);
    expect(byCode[0]!.matchedBy).to.equal('code');
  });

  it('does not match a syllable from its middle', () => {
    // "ao" only sits inside lao and bao; "an" is a syllable of its own in 备案.
    expect(names('ao')).to.deep.equal([]);
    expect(names('an')).to.have.members(['ICP备案', '异地就医备案']);
  });

  it('gives nothing for an empty or blank query and respects the limit', () => {
    expect(index.search('')).to.deep.equal({ hits: [], total: 0 });
    expect(index.search('   ')).to.deep.equal({ hits: [], total: 0 });
    const limited = index.search('y', { limit: 2 });
    expect(limited.hits).to.have.length(2);
    expect(limited.total).to.equal(6);
  });

  it('splits queries between Han and latin runs and at punctuation', () => {
    expect(queryTerms(' 社保zy  YLBX ')).to.deep.equal(['社保', 'zy', 'ylbx']);
    expect(queryTerms('变更（补办）')).to.deep.equal(['变更', '补办']);
    expect(queryTerms("xi'an，ＩＣＰ")).to.deep.equal(['xi', 'an', 'icp']);
  });

  it('finds names with full-width brackets whatever part of them is typed', () => {
    const withBrackets = new CatalogIndex({
      items: [item('9', '护照签发（补办）', ['hu', 'zhao', 'qian', 'fa', '（', 'bu', 'ban', '）'])],
      bundles: [],
    });
    for (const query of ['签发（补办', 'qf（bb', '补办）', 'hzqf(bb)', '（bu', 'hzqfbb', '签发补办', 'qianfabuban']) {
      expect(withBrackets.search(query).total, query).to.equal(1);
    }
    // The highlight runs over the bracket when the match does.
    expect(withBrackets.search('签发补办').hits[0]!.ranges).to.deep.equal([[2, 7]]);
  });

  it('finds abbreviations whose characters stand apart in the name (社保, 医保), below whole words', () => {
    const abbreviations = new CatalogIndex({
      items: [
        item('a', '社会保险登记', ['she', 'hui', 'bao', 'xian', 'deng', 'ji']),
        item('b', '社保卡申领', ['she', 'bao', 'ka', 'shen', 'ling']),
        item('c', '医疗保险', ['yi', 'liao', 'bao', 'xian']),
      ],
      bundles: [],
    });
    const { hits } = abbreviations.search('社保');
    expect(hits.map((hit) => hit.kind === 'item' && hit.item.id)).to.deep.equal(['b', 'a']);
    expect(hits[1]!.ranges).to.deep.equal([
      [0, 1],
      [2, 3],
    ]);
    expect(abbreviations.search('医保').hits.map((hit) => hit.kind === 'item' && hit.item.id)).to.deep.equal(['c']);
    expect(abbreviations.search('保社').total).to.equal(0);
  });

  it('ranks a syllable spelled out in full above one it only begins (xian: 险 before 乡)', () => {
    const index2 = new CatalogIndex({
      items: [
        item('x1', '乡村振兴', ['xiang', 'cun', 'zhen', 'xing']),
        item('x2', '险种变更', ['xian', 'zhong', 'bian', 'geng']),
      ],
      bundles: [],
    });
    expect(index2.search('xian').hits.map((hit) => hit.kind === 'item' && hit.item.id)).to.deep.equal(['x2', 'x1']);
  });

  it('highlights whole characters outside the basic plane and ignores a broken query', () => {
    const astral = new CatalogIndex({
      items: [item('s', '𠀀姓更正登记', ['𠀀', 'xing', 'geng', 'zheng', 'deng', 'ji'])],
      bundles: [],
    });
    expect(astral.search('xgz').hits[0]!.ranges).to.deep.equal([[2, 5]]);
    expect(astral.search('𠀀姓').hits[0]!.ranges).to.deep.equal([[0, 3]]);
    expect(astral.search('\ud840').total).to.equal(0);
    expect(astral.search('gz', { limit: Number.NaN }).hits).to.have.length(1);
  });

  it('ranks hits in non-increasing score and every hit range lies inside its name (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,6}$/), (query) => {
        const { hits, total } = index.search(query);
        expect(total).to.be.at.least(hits.length);
        for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).to.be.at.least(hits[i]!.score);
        for (const hit of hits) {
          const name = hit.kind === 'item' ? hit.item.name : hit.bundle.name;
          for (const [start, end] of hit.ranges) {
            expect(start).to.be.within(0, name.length);
            expect(end).to.be.within(start, name.length);
          }
        }
      }),
    );
  });

  it('finds every name by its own initials and by its own full pinyin (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...items), fc.nat(), (it, cut) => {
        const syllables = it.pinyin!;
        const from = cut % syllables.length;
        const initials = syllables
          .slice(from)
          .map((s) => s[0])
          .join('');
        expect(names(initials)).to.include(it.name);
        expect(names(syllables.slice(from).join(''))).to.include(it.name);
      }),
    );
  });
});
