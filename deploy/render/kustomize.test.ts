import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatchOp, renderKustomization, type KubeObject } from './kustomize';
import { schemaProblem } from './validate';

const dir = mkdtempSync(join(tmpdir(), 'kustomize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('applyPatchOp', () => {
  it.each([
    [{ op: 'add', path: '/a/list/-', value: 3 }, { a: { list: [1, 2, 3], m: 'x' } }],
    [{ op: 'add', path: '/a/list/0', value: 0 }, { a: { list: [0, 1, 2], m: 'x' } }],
    [{ op: 'replace', path: '/a/m', value: 'y' }, { a: { list: [1, 2], m: 'y' } }],
    [{ op: 'remove', path: '/a/list/1' }, { a: { list: [1], m: 'x' } }],
    [{ op: 'add', path: '/a/new~1key', value: true }, { a: { list: [1, 2], m: 'x', 'new/key': true } }],
  ] as const)('%o', (op, expected) => {
    const doc = { a: { list: [1, 2], m: 'x' } };
    applyPatchOp(doc, op);
    expect(doc).toEqual(expected);
  });

  it.each([
    { op: 'add', path: '/missing/list/-', value: 1 },
    { op: 'replace', path: '/a/absent', value: 1 },
    { op: 'remove', path: '/a/list/5' },
  ] as const)('refuses %o, as kustomize does', (op) => {
    expect(() => applyPatchOp({ a: { list: [1, 2] } }, op)).toThrow();
  });
});

describe('renderKustomization', () => {
  it('refuses kustomize features it does not implement, so a rendering is never silently partial', () => {
    writeFileSync(join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\ncommonLabels: { a: b }\n');
    expect(() => renderKustomization(dir)).toThrow(/commonLabels/);
  });

  it('sets the namespace and the image of every container', () => {
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ns\nresources: [job.yaml]\nimages: [{ name: app, newName: reg/app, newTag: "2" }]\n',
    );
    writeFileSync(join(dir, 'job.yaml'), 'apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\nspec: { template: { spec: { restartPolicy: Never, containers: [{ name: c, image: app }] } } }\n');
    const [job] = renderKustomization(dir);
    expect(job?.metadata.namespace).toBe('ns');
    expect(JSON.stringify(job?.spec)).toContain('"image":"reg/app:2"');
  });
});

describe('schemaProblem', () => {
  const deployment = (replicas: unknown): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: { replicas, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  });

  it('accepts a valid object and names what is wrong with an invalid one', () => {
    expect(schemaProblem(deployment(2))).toBeUndefined();
    expect(schemaProblem(deployment('two'))).toMatch(/replicas/);
  });

  it('has no schema for a kind it does not know', () => {
    expect(schemaProblem({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toMatch(/no schema/);
  });
});
