/* Chinese for the table block's spreadsheet (Handsontable 6, as Wagtail ships it, has English only). The menu items
   the block uses carry their Chinese names in the options; this covers Handsontable's other messages. */
(function () {
  var H = window.Handsontable;
  if (!H || !H.languages || (H.languages.getLanguageDictionary && H.languages.getLanguageDictionary("zh-CN"))) return;
  var k = H.languages.dictionaryKeys, d = { languageCode: "zh-CN" };
  d[k.CONTEXTMENU_ITEMS_ROW_ABOVE] = "在上方插入一行";
  d[k.CONTEXTMENU_ITEMS_ROW_BELOW] = "在下方插入一行";
  d[k.CONTEXTMENU_ITEMS_INSERT_LEFT] = "在左侧插入一列";
  d[k.CONTEXTMENU_ITEMS_INSERT_RIGHT] = "在右侧插入一列";
  d[k.CONTEXTMENU_ITEMS_REMOVE_ROW] = ["删除这一行", "删除这些行"];
  d[k.CONTEXTMENU_ITEMS_REMOVE_COLUMN] = ["删除这一列", "删除这些列"];
  d[k.CONTEXTMENU_ITEMS_UNDO] = "撤销";
  d[k.CONTEXTMENU_ITEMS_REDO] = "重做";
  d[k.CONTEXTMENU_ITEMS_READ_ONLY] = "只读";
  d[k.CONTEXTMENU_ITEMS_CLEAR_COLUMN] = "清空这一列";
  d[k.CONTEXTMENU_ITEMS_ALIGNMENT] = "对齐";
  d[k.CONTEXTMENU_ITEMS_ALIGNMENT_LEFT] = "左对齐";
  d[k.CONTEXTMENU_ITEMS_ALIGNMENT_CENTER] = "居中";
  d[k.CONTEXTMENU_ITEMS_ALIGNMENT_RIGHT] = "右对齐";
  d[k.CONTEXTMENU_ITEMS_COPY] = "复制";
  d[k.CONTEXTMENU_ITEMS_CUT] = "剪切";
  H.languages.registerLanguageDictionary(d);
})();
