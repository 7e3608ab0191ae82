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

  it('throws on an operator it does not implement', () => {
    // Prepare
    const pattern = { detail: { state: [{ suffix: 'ted' }] } };

    // Act
    const act = () => matchesPattern(pattern, ec2Event);

    // Assess
    expect(act).toThrow("unsupported operator 'suffix'");
  });
});
