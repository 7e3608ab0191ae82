import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../helpers/eventPattern.js';

// Examples from the EventBridge user guide (event patterns, arrays, content
// filtering), so the matcher the rule tests rely on is itself checked.
describe('matchesPattern', () => {
  const ec2Event = {
    source: 'aws.ec2',
    'detail-type': 'EC2 Instance State-change Notification',
    resources: [
      'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
    ],
    time: '2017-10-02T18:43:48Z',
    detail: { state: 'terminated', 'x-limit': 123, flags: ['a', 'b'] },
  };

  it('matches when every field matches and one value of each array does', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['running', 'terminated'] },
    };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('does not match when one field differs', () => {
    // Prepare
    const pattern = { source: ['aws.ec2'], detail: { state: ['running'] } };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(false);
  });

  it('matches an event array when the intersection is non-empty', () => {
    // Prepare
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
      ],
    };

    // Act
    const matched = matchesPattern(pattern, ec2Event);

    // Assess
    expect(matched).toBe(true);
  });

  it('compares exact values case-sensitively and by JSON type', () => {
    // Prepare
    const upper = { detail: { state: ['TERMINATED'] } };
    const asString = { detail: { 'x-limit': ['123'] } };
    const asNumber = { detail: { 'x-limit': [123] } };

    // Act
    const results = [upper, asString, asNumber].map((p) =>
      matchesPattern(p, ec2Event)
    );

    // Assess
    expect(results).toEqual([false, false, true]);
  });

  it('matches a prefix on string values only', () => {
    // Prepare
    const onTime = { time: [{ prefix: '2017-10-02' }] };
    const onNumber = { detail: { 'x-limit': [{ prefix: '12' }] } };

    // Act
    const results = [onTime, onNumber].map((p) => matchesPattern(p, ec2Event));

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('matches anything-but a value, a list or a prefix, and needs the field', () => {
    // Prepare
    const patterns = [
      { detail: { state: [{ 'anything-but': 'initializing' }] } },
      { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
      { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } },
      { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      { detail: { missing: [{ 'anything-but': 'x' }] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, ec2Event));

    // Assess
    expect(results).toEqual([true, false, false, true, false]);
  });

  it('matches exists on leaves: present, absent, and absent under a missing parent', () => {
    // Prepare
    const patterns = [
      { detail: { state: [{ exists: true }] } },
      { detail: { state: [{ exists: false }] } },
      { detail: { missing: [{ exists: false }] } },
      { nothing: { below: [{ exists: false }] } },
      { nothing: { below: [{ exists: true }] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, ec2Event));

    // Assess
    expect(results).toEqual([true, false, true, true, false]);
  });

  it('matches $or when any branch matches, ANDed with sibling fields', () => {
    // Prepare
    const pattern = {
      source: ['aws.ec2'],
      $or: [
        { detail: { state: ['running'] } },
        { detail: { 'x-limit': [123] } },
      ],
    };
    const otherSource = { ...pattern, source: ['aws.s3'] };

    // Act
    const results = [pattern, otherSource].map((p) =>
      matchesPattern(p, ec2Event)
    );

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('matches prefix and suffix, each optionally ignoring case, on strings only', () => {
    // Prepare
    const event = {
      detail: { service: 'EventBridge', FileName: 'photo.PNG', size: 12 },
    };
    const patterns = [
      { detail: { service: [{ prefix: 'EventB' }] } },
      { detail: { service: [{ prefix: 'eventb' }] } },
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } },
      { detail: { FileName: [{ suffix: '.png' }] } },
      { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      { detail: { size: [{ suffix: '2' }] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, event));

    // Assess
    expect(results).toEqual([true, false, true, false, true, false]);
  });

  it('matches equals-ignore-case on strings only', () => {
    // Prepare
    const event = { detail: { Name: 'Alice', count: 1 } };
    const patterns = [
      { detail: { Name: [{ 'equals-ignore-case': 'alice' }] } },
      { detail: { Name: [{ 'equals-ignore-case': 'alic' }] } },
      { detail: { count: [{ 'equals-ignore-case': '1' }] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, event));

    // Assess
    expect(results).toEqual([true, false, false]);
  });

  it.each([
    ['Simple*Service', 'SimpleNotificationService', true],
    ['Simple*Service', 'SimpleService', true],
    ['Simple*Service', 'simpleNotificationService', false],
    ['*.png', 'dir/photo.png', true],
    ['*.png', 'photo.png.txt', false],
    ['*Title*', 'A Title here', true],
    [
      'Started copy of snapshot * in region *',
      'Started copy of snapshot a in region b.',
      true,
    ],
    [
      'Started copy of snapshot * in region *',
      'Started copy of snapshot a from region b',
      false,
    ],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a\\\\b', 'a\\b', true],
  ])('matches the wildcard %s against %s: %s', (pattern, value, expected) => {
    // Act
    const matched = matchesPattern(
      { detail: { x: [{ wildcard: pattern }] } },
      { detail: { x: value } }
    );

    // Assess
    expect(matched).toBe(expected);
  });

  it.each([
    ['a**b', 'consecutive wildcards'],
    ['a\\nb', 'invalid escape'],
  ])('refuses the wildcard %s, as EventBridge does', (pattern, error) => {
    // Act
    const act = () =>
      matchesPattern(
        { detail: { x: [{ wildcard: pattern }] } },
        { detail: { x: 'ab' } }
      );

    // Assess
    expect(act).toThrow(error);
  });

  it('matches anything-but a suffix, a case-insensitive value or a wildcard', () => {
    // Prepare
    const event = {
      detail: { FileName: 'a.png', state: 'INITIALIZING', FilePath: 'x/lib/y' },
    };
    const patterns = [
      { detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } },
      {
        detail: {
          state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }],
        },
      },
      {
        detail: {
          state: [
            {
              'anything-but': { 'equals-ignore-case': ['stopped', 'running'] },
            },
          ],
        },
      },
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/bin/*' } }] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, event));

    // Assess
    expect(results).toEqual([false, false, true, false, true]);
  });

  it('matches a leaf array when any element matches, by any operator', () => {
    // Prepare
    const event = { detail: { categories: ['notification', 'backup'] } };
    const patterns = [
      { detail: { categories: ['backup'] } },
      { detail: { categories: [{ prefix: 'back' }] } },
      { detail: { categories: [{ wildcard: 'noti*' }] } },
      { detail: { categories: [{ 'equals-ignore-case': 'BACKUP' }] } },
      { detail: { categories: ['failure'] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, event));

    // Assess
    expect(results).toEqual([true, true, true, true, false]);
  });

  it('matches fields inside an array of objects only within one element', () => {
    // Prepare: event-ruler's README example
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };
    const patterns = [
      { employees: { firstName: ['Anna'] } },
      { employees: { firstName: ['Anna'], lastName: ['Smith'] } },
      { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
    ];

    // Act
    const results = patterns.map((p) => matchesPattern(p, event));

    // Assess
    expect(results).toEqual([true, true, false]);
  });

  it('counts an empty array as absent for exists', () => {
    // Prepare
    const event = { detail: { tags: [] } };

    // Act
    const results = [true, false].map((exists) =>
      matchesPattern({ detail: { tags: [{ exists }] } }, event)
    );

    // Assess
    expect(results).toEqual([false, true]);
  });

  it('throws on an operator it does not implement, and on a one-branch $or', () => {
    // Prepare
    const numeric = { detail: { 'x-limit': [{ numeric: ['>', 0] }] } };
    const oneBranch = { $or: [{ source: ['aws.ec2'] }] };

    // Act
    const acts = [numeric, oneBranch].map(
      (pattern) => () => matchesPattern(pattern, ec2Event)
    );

    // Assess
    expect(acts[0]).toThrow("unsupported operator 'numeric'");
    expect(acts[1]).toThrow('$or takes a list of at least two patterns');
  });
});
