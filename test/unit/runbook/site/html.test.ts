import { describe, expect, it } from 'vitest';
import { UnsafeServiceIdError } from '../../../../src/runbook/index.js';
import {
  escapeHtml,
  renderPage,
  servicePath,
} from '../../../../src/runbook/site/html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    // Act
    const escaped = escapeHtml(`<a href="x" title='y'>&</a>`);

    // Assess
    expect(escaped).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
    );
  });
});

describe('servicePath', () => {
  it('returns services/<id>.html for a safe id', () => {
    // Act
    const path = servicePath('orders-db.v2_eu');

    // Assess
    expect(path).toBe('services/orders-db.v2_eu.html');
  });

  it.each(['../escape', '.hidden', 'a/b', 'a b', '', 'x"y'])(
    'throws UnsafeServiceIdError for %j',
    (id) => {
      // Act & Assess
      expect(() => servicePath(id)).toThrow(UnsafeServiceIdError);
    }
  );
});

describe('renderPage', () => {
  it('links the stylesheet and the navigation relative to the page depth', () => {
    // Act
    const html = renderPage({
      title: 'Orders',
      siteTitle: 'Shop',
      depth: 1,
      hasDisasterRecovery: true,
      main: '<p>x</p>',
    });

    // Assess
    expect(html).toContain('<link rel="stylesheet" href="../assets/site.css">');
    expect(html).toContain('<a href="../disaster-recovery.html">');
    expect(html).toContain('<title>Orders · Shop</title>');
    expect(html).toContain('name="viewport"');
  });

  it('leaves out the DR link when there is no DR page', () => {
    // Act
    const html = renderPage({
      title: 'Shop',
      siteTitle: 'Shop',
      depth: 0,
      hasDisasterRecovery: false,
      main: '',
    });

    // Assess
    expect(html).not.toContain('disaster-recovery.html');
    expect(html).toContain('<title>Shop</title>');
  });
});
