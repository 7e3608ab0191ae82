import { describe, expect, it } from 'vitest';
import { restoreOrder } from '../../../../src/runbook/index.js';
import { renderMermaid } from '../../../../src/runbook/site/mermaid.js';
import { aService, HOUR } from '../../../helpers/siteBuilders.js';

describe('renderMermaid', () => {
  it('writes a left-to-right flowchart with a subgraph per wave and an arrow per dependency', () => {
    // Prepare
    const services = [
      aService({ id: 'orders-db', name: 'Orders', dependsOn: ['network'] }),
      aService({ id: 'network', name: 'Network', tier: 'standard' }),
    ];

    // Act
    const mermaid = renderMermaid(services, restoreOrder(services));

    // Assess
    expect(
      mermaid
    ).toBe(`%% Written by sentinel build --mermaid: arrows point from a dependency to the services that need it.
flowchart LR
  subgraph wave_1["Wave 1"]
    s_network["Network<br/>standard · RTO 30 min"]
  end
  subgraph wave_2["Wave 2"]
    s_orders_db["Orders<br/>critical · RTO 30 min"]
  end
  s_network --> s_orders_db
  classDef tier_critical fill:#fdecea,stroke:#b3261e
  class s_orders_db tier_critical
  classDef tier_high fill:#fff3e0,stroke:#b35c00
  classDef tier_standard fill:#e8f0fb,stroke:#2f5d9a
  class s_network tier_standard
`);
  });

  it('names each wave with its phase when there are several', () => {
    // Prepare
    const services = [
      aService({ id: 'shop' }),
      aService({
        id: 'archive',
        recovery: { rtoMs: HOUR, rpoMs: HOUR, phase: 2 },
      }),
    ];

    // Act
    const mermaid = renderMermaid(services, restoreOrder(services));

    // Assess
    expect(mermaid).toContain('subgraph wave_1["Phase 1 · wave 1"]');
    expect(mermaid).toContain('subgraph wave_2["Phase 2 · wave 2"]');
  });

  it('escapes quotes and markup in names and keeps ids apart that differ only in punctuation', () => {
    // Prepare
    const services = [
      aService({ id: 'a-b', name: 'The "A" <b>#1</b> & co' }),
      aService({ id: 'a_b', name: 'Other' }),
    ];

    // Act
    const mermaid = renderMermaid(services, restoreOrder(services));

    // Assess
    expect(mermaid).toContain(
      's_a_b["The #quot;A#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; co<br/>'
    );
    expect(mermaid).toContain('s_a_b_2["Other<br/>');
  });
});
