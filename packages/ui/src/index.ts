export * from './tokens/tokens.js';
export * from './i18n/messages.js';
export * from './provider/context.js';
export { YcProvider } from './provider/provider.js';
export * from './catalog/load-catalog.js';
export { ObservableController } from './controllers/observable-controller.js';
export { ItemPicker } from './item-picker/item-picker.js';
export { ItemPickerController, type ItemPickerState, type ItemSelection } from './item-picker/controller.js';
export { ItemSelectEvent, type ItemSelectDetail } from './item-picker/item-select-event.js';
