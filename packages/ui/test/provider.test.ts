// <yc-provider>: what it hands the elements inside it, including where a signed-in person works.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import '@yichuang/ui/define.js';
import { WorkplaceEvent, configContext, type YcConfig, type YcProvider, type YcWorkplace } from '@yichuang/ui';
import type { HallClient } from '@yichuang/hall-client';

class ConfigReader extends LitElement {
  @consume({ context: configContext, subscribe: true })
  config?: YcConfig;
}
customElements.define('yc-test-config-reader', ConfigReader);

describe('<yc-provider>', () => {
  it('hands its hall address and window, and the workplace a sign-in inside announces, to the elements inside', async () => {
    const provider = await fixture<YcProvider>(html`
      <yc-provider hall-url="https://hall.example.gov.cn" window="03" locale="en-US">
        <yc-test-config-reader></yc-test-config-reader>
      </yc-provider>
    `);
    const reader = provider.querySelector<ConfigReader>('yc-test-config-reader')!;
    expect(reader.config).to.include({ hallUrl: 'https://hall.example.gov.cn', window: '03', locale: 'en-US' });
    expect(reader.config?.workplace).to.equal(undefined);
    const workplace: YcWorkplace = { hall: {} as HallClient, hallCode: 'TJHP01', window: '03', clerk: 'clerk03' };
    reader.dispatchEvent(new WorkplaceEvent(workplace));
    await provider.updateComplete;
    expect(provider.workplace).to.equal(workplace);
    expect(reader.config?.workplace).to.equal(workplace);
    // Nobody any more (a CustomEvent's `undefined` detail arrives as null): no workplace, not a null one.
    reader.dispatchEvent(new WorkplaceEvent(undefined));
    await provider.updateComplete;
    expect(provider.workplace).to.equal(undefined);
    expect(reader.config?.workplace).to.equal(undefined);
  });
});
