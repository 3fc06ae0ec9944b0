/** The sample shop's vocabulary: a cosmetics-and-more shop on a Chinese marketplace. */

export const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const givenChars =
  '芳娜敏静丽艳娟霞秀英华慧巧美婷雪琳颖倩晶欣悦佳怡梦瑶璐萌洁燕玲丹萍红玉兰伟强磊军洋勇杰涛明超刚平辉鹏浩宇轩博文俊晨子涵一诺雨桐思远嘉豪'.split('');

/** Provinces and cities weighted roughly by online shoppers. */
export const regions: readonly (readonly [string, number])[] = [
  ['广东', 14],
  ['浙江', 11],
  ['江苏', 10],
  ['上海', 8],
  ['北京', 7],
  ['山东', 6],
  ['四川', 5],
  ['福建', 5],
  ['湖北', 4],
  ['河南', 4],
  ['湖南', 3],
  ['安徽', 3],
  ['河北', 3],
  ['陕西', 2],
  ['重庆', 2],
  ['天津', 2],
  ['辽宁', 2],
  ['江西', 2],
  ['广西', 2],
  ['云南', 1],
  ['山西', 1],
  ['黑龙江', 1],
  ['吉林', 1],
  ['贵州', 1],
  ['新疆', 1],
  ['海南', 1],
];

/** Customers outside the mainland carry their own time zone and region. */
export const abroad: readonly (readonly [readonly [string, string], number])[] = [
  [['Asia/Hong_Kong', '香港'], 3],
  [['Asia/Taipei', '台湾'], 2],
  [['Asia/Singapore', '新加坡'], 2],
  [['Asia/Tokyo', '日本'], 1],
  [['America/Los_Angeles', '美国'], 1],
  [['Europe/London', '英国'], 1],
  [['Australia/Sydney', '澳大利亚'], 1],
];

export const mobilePrefixes = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

export interface CategorySpec {
  category: string;
  /** Share of the catalogue. */
  weight: number;
  /** Price range in yuan. */
  price: [number, number];
  items: readonly (readonly [string, readonly string[]])[];
}

/** Product names with their tags, by category (tags drive tag rules such as 油性肤质). */
export const categories: readonly CategorySpec[] = [
  {
    category: '护肤',
    weight: 4,
    price: [59, 499],
    items: [
      ['控油清爽洁面乳', ['油性肤质', '洁面']],
      ['玻尿酸补水面膜', ['补水', '面膜']],
      ['烟酰胺亮肤精华', ['美白', '精华']],
      ['神经酰胺修护霜', ['干性肤质', '敏感肌', '面霜']],
      ['水杨酸祛痘凝胶', ['油性肤质', '祛痘']],
      ['氨基酸温和洁面', ['敏感肌', '洁面']],
      ['视黄醇抗老精华', ['抗老', '精华']],
      ['清透防晒乳 SPF50', ['防晒']],
      ['保湿爽肤水', ['补水', '干性肤质']],
      ['眼部紧致眼霜', ['抗老', '眼霜']],
    ],
  },
  {
    category: '彩妆',
    weight: 3,
    price: [39, 329],
    items: [
      ['丝绒哑光口红', ['口红']],
      ['持妆粉底液', ['底妆', '油性肤质']],
      ['水润气垫 BB', ['底妆', '干性肤质']],
      ['四色眼影盘', ['眼妆']],
      ['防水睫毛膏', ['眼妆']],
      ['定妆散粉', ['底妆', '油性肤质']],
      ['腮红修容盘', ['修容']],
      ['唇釉套装', ['口红', '礼盒']],
    ],
  },
  {
    category: '食品',
    weight: 2,
    price: [19, 168],
    items: [
      ['每日坚果礼盒', ['坚果', '礼盒']],
      ['进口黑巧克力', ['进口', '零食']],
      ['冻干水果脆', ['零食']],
      ['挂耳咖啡 20 包', ['咖啡']],
      ['低糖燕麦片', ['早餐', '低糖']],
      ['花草茶组合', ['茶饮']],
      ['进口橄榄油', ['进口', '粮油']],
    ],
  },
  {
    category: '家电',
    weight: 1,
    price: [199, 2999],
    items: [
      ['负离子吹风机', ['个护电器']],
      ['声波电动牙刷', ['个护电器']],
      ['美容仪', ['个护电器', '抗老']],
      ['空气炸锅', ['厨房电器']],
      ['便携榨汁杯', ['厨房电器']],
      ['加湿器', ['生活电器']],
    ],
  },
];
