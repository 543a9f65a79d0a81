/* The page body's stream block in the editor: stored blocks of a plugin that is not installed show locked.
 *
 * Their definitions come beside the add menu's groups, so a stored one can be shown (childBlockDefsByName)
 * while the menu, built from the groups only, never offers one. Loaded after Wagtail's widgets.js and blocks.js. */
(() => {
  const { StreamBlockDefinition } = window.wagtailStreamField.blocks;

  class BodyStreamBlockDefinition extends StreamBlockDefinition {
    constructor(name, groupedChildBlockDefs, initialChildStates, meta, preservedBlockDefs) {
      super(name, groupedChildBlockDefs, initialChildStates, meta);
      (preservedBlockDefs || []).forEach((blockDef) => {
        this.childBlockDefsByName[blockDef.name] = blockDef;
      });
    }
  }
  window.telepath.register('cunwu.blocks.BodyStreamBlock', BodyStreamBlockDefinition);

  const Widget = window.telepath.constructors['wagtail.widgets.Widget'];

  class PreservedValueInput extends Widget {
    render(...args) {
      const bound = super.render(...args);
      // A collapsed block's title would otherwise be its raw JSON.
      bound.getTextLabel = () => null;
      return bound;
    }
  }
  window.telepath.register('cunwu.widgets.PreservedValueInput', PreservedValueInput);
})();
