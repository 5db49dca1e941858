import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { CatalogIndex, highlightRuns, queryTerms, type Bundle, type ServiceItem } from '@yichuang/core';

/** A minimal item: search reads only id, name, pinyin, codes, result, aliases and their pinyin. */
function item(
  id: string,
  name: string,
  pinyin: string[],
  implementationCode = `IMP${id}`,
  more: Partial<ServiceItem> = {},
): ServiceItem {
  return {
    id,
    name,
    pinyin,
    implementationCode,
    basicCode: `B${id}`,
    result: { name: '', type: '30' },
    ...more,
  } as unknown as ServiceItem;
}
function bundle(id: string, name: string, pinyin: string[], more: Partial<Bundle> = {}): Bundle {
  return { id, name, pinyin, items: [], description: '', ...more } as unknown as Bundle;
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

  it('finds an item by its result and its aliases, below a name that says the same, and tells which word matched', () => {
    const company = item(
      'c',
      '有限责任公司设立登记',
      ['you', 'xian', 'ze', 'ren', 'gong', 'si', 'she', 'li', 'deng', 'ji'],
      'IMPc',
      {
        result: { name: '营业执照（含电子营业执照）', type: '10' },
        aliases: ['开公司'],
        wordPinyin: {
          '营业执照（含电子营业执照）': [
            'ying',
            'ye',
            'zhi',
            'zhao',
            '（',
            'han',
            'dian',
            'zi',
            'ying',
            'ye',
            'zhi',
            'zhao',
            '）',
          ],
          开公司: ['kai', 'gong', 'si'],
        },
      },
    );
    const lost = item('l', '营业执照遗失补领', ['ying', 'ye', 'zhi', 'zhao', 'yi', 'shi', 'bu', 'ling']);
    const found = new CatalogIndex({ items: [company, lost], bundles: [] });
    const ids = (query: string) => found.search(query).hits.map((hit) => hit.kind === 'item' && hit.item.id);

    expect(ids('营业执照')).to.deep.equal(['l', 'c']);
    expect(ids('yyzz')).to.deep.equal(['l', 'c']);
    const byResult = found.search('营业执照').hits[1]!;
    expect(byResult).to.include({ field: 'result', matchedBy: 'characters', synonym: false });
    expect(byResult.ranges).to.deep.equal([]);
    expect(byResult.words).to.deep.equal([{ field: 'result', text: '营业执照（含电子营业执照）', ranges: [[0, 4]] }]);

    for (const query of ['开公司', 'kaigongsi', 'kgs']) {
      const [hit, ...rest] = found.search(query).hits;
      expect(rest, query).to.have.length(0);
      expect(hit, query).to.include({ field: 'alias' });
      expect(hit!.words, query).to.deep.equal([{ field: 'alias', text: '开公司', ranges: [[0, 3]] }]);
    }
    // A term in the name and one in an alias: each highlighted where it matched.
    const both = found.search('设立 kgs').hits[0]!;
    expect(both.ranges).to.deep.equal([[6, 8]]);
    expect(both.words).to.deep.equal([{ field: 'alias', text: '开公司', ranges: [[0, 3]] }]);
  });

  it('ranks an exact word above a loose syllable match (shebao: 社保 before 申报), whole syllables first', () => {
    const found = new CatalogIndex({
      items: [
        item('tax', '清税申报', ['qing', 'shui', 'shen', 'bao']),
        item('house', '存量房交易税费申报', ['cun', 'liang', 'fang', 'jiao', 'yi', 'shui', 'fei', 'shen', 'bao']),
        item(
          'si',
          '用人单位社会保险登记',
          ['yong', 'ren', 'dan', 'wei', 'she', 'hui', 'bao', 'xian', 'deng', 'ji'],
          'IMPsi',
          {
            aliases: ['社保登记'],
            wordPinyin: { 社保登记: ['she', 'bao', 'deng', 'ji'] },
          },
        ),
        item('card', '社会保障卡申领', ['she', 'hui', 'bao', 'zhang', 'ka', 'shen', 'ling'], 'IMPcard', {
          aliases: ['社保卡'],
          wordPinyin: { 社保卡: ['she', 'bao', 'ka'] },
        }),
      ],
      bundles: [],
    });
    const ids = (query: string) => found.search(query).hits.map((hit) => hit.kind === 'item' && hit.item.id);
    const shebao = ids('shebao');
    expect(shebao.slice(0, 2)).to.have.members(['si', 'card']);
    expect(shebao.slice(2)).to.deep.equal(['tax', 'house']);
    expect(found.search('shebao').hits[0]!.matchedBy).to.equal('pinyin');
    expect(found.search('shebao').hits[3]!.matchedBy).to.equal('mixed');
    // The whole alias by its initials beats initials inside a word.
    expect(ids('sbk')[0]).to.equal('card');
    expect(found.search('sbk').hits[0]).to.include({ field: 'alias', matchedBy: 'initials' });
  });

  it('finds bundles by their life events and, last, by words of their description', () => {
    const newborn = bundle('newborn', '新生儿出生一件事', ['xin', 'sheng', 'er', 'chu', 'sheng', 'yi', 'jian', 'shi'], {
      lifeEvents: ['生孩子'],
      wordPinyin: { 生孩子: ['sheng', 'hai', 'zi'] },
      description: '一次申请办理出生医学证明、预防接种证和落户。',
    });
    const certificate = item('cert', '出生医学证明首次签发', [
      'chu',
      'sheng',
      'yi',
      'xue',
      'zheng',
      'ming',
      'shou',
      'ci',
      'qian',
      'fa',
    ]);
    const found = new CatalogIndex({ items: [certificate], bundles: [newborn] });
    for (const query of ['生孩子', 'shenghaizi', 'shz']) {
      const hit = found.search(query).hits[0]!;
      expect(hit.kind, query).to.equal('bundle');
      expect(hit.words, query).to.deep.equal([{ field: 'life-event', text: '生孩子', ranges: [[0, 3]] }]);
    }
    const byDescription = found.search('预防接种').hits;
    expect(byDescription).to.have.length(1);
    expect(byDescription[0]!).to.include({ kind: 'bundle', field: 'description' });
    expect(byDescription[0]!.words[0]!.ranges).to.deep.equal([[13, 17]]);
    // The item named so ranks above the bundle that only describes it.
    expect(found.search('出生医学证明').hits.map((hit) => hit.kind)).to.deep.equal(['item', 'bundle']);
    // Descriptions are searched in Chinese only: their pinyin is not kept.
    expect(found.search('yfjz').total).to.equal(0);
  });

  it('applies the synonym groups both ways, in names, results, aliases and queries', () => {
    const found = new CatalogIndex({
      items: [
        item('si', '用人单位社会保险登记', ['yong', 'ren', 'dan', 'wei', 'she', 'hui', 'bao', 'xian', 'deng', 'ji']),
        item('re', '不动产登记资料查询', ['bu', 'dong', 'chan', 'deng', 'ji', 'zi', 'liao', 'cha', 'xun'], 'IMPre', {
          aliases: ['房产证查询'],
          wordPinyin: { 房产证查询: ['fang', 'chan', 'zheng', 'cha', 'xun'] },
        }),
        item('sp', '社保转移', ['she', 'bao', 'zhuan', 'yi']),
      ],
      bundles: [],
      synonyms: [
        ['社保', '社会保险'],
        ['房产证', '不动产权证书', '房本'],
      ],
      wordPinyin: {
        社保: ['she', 'bao'],
        社会保险: ['she', 'hui', 'bao', 'xian'],
        房产证: ['fang', 'chan', 'zheng'],
        不动产权证书: ['bu', 'dong', 'chan', 'quan', 'zheng', 'shu'],
        房本: ['fang', 'ben'],
      },
    });
    const ids = (query: string) => found.search(query).hits.map((hit) => hit.kind === 'item' && hit.item.id);
    // 社保 finds the name that says 社会保险, highlighting all of it; and the other way round.
    expect(ids('社保')).to.deep.equal(['sp', 'si']);
    const si = found.search('社保登记').hits[0]!;
    expect(si).to.include({ field: 'name', synonym: true });
    expect(si.ranges).to.deep.equal([[4, 10]]);
    expect(ids('社会保险')).to.deep.equal(['si', 'sp']);
    expect(ids('sbdj')).to.deep.equal(['si']);
    expect(ids('yibao')).to.deep.equal([]);
    // An alias written with one word is found by any word of its group, in Chinese or pinyin.
    for (const query of ['房本查询', '不动产权证书查询', 'fangbencx']) {
      const hit = found.search(query).hits[0];
      expect(hit, query).to.include({ field: 'alias', synonym: true });
      expect(hit!.words, query).to.deep.equal([{ field: 'alias', text: '房产证查询', ranges: [[0, 5]] }]);
    }
    // A synonym ranks below the word as written.
    expect(found.search('社保').hits[0]!.score).to.be.above(found.search('社保').hits[1]!.score);
  });

  it('finds syllables of one letter and names with digits through its candidate sets', () => {
    const found = new CatalogIndex({
      items: [
        item('e', '额度核定', ['e', 'du', 'he', 'ding']),
        item('n', '4050人员认定', ['4', '0', '5', '0', 'ren', 'yuan', 'ren', 'ding'], '1201ABC9999'),
      ],
      bundles: [],
    });
    const ids = (query: string) => found.search(query).hits.map((hit) => hit.kind === 'item' && hit.item.id);
    for (const query of ['e', 'edhd', 'eduheding', 'ed']) expect(ids(query), query).to.deep.equal(['e']);
    for (const query of ['4050', '4050ry', '4050renyuan', '1201abc']) expect(ids(query), query).to.deep.equal(['n']);
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
