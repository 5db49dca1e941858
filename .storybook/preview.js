/** Stories render in zh-CN, as a hall's clerks see them; each story sets its own locale where it differs. */
export default {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};
