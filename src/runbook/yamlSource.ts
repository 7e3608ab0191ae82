import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type ParsedNode,
} from 'yaml';

/** A path into a YAML document, as zod reports it. */
type YamlPath = readonly PropertyKey[];

/** Finds the source ranges of keys and values in one parsed YAML document. */
interface YamlSource {
  /** Range of the value at `path`, or of its nearest located ancestor. */
  valueRange(path: YamlPath): [number, number];
  /** Range of the key at `path` (a list item's value; for `[]`, the fallback). */
  keyRange(path: YamlPath): [number, number];
  /** Offset of the first character of the string at `path`, inside any quotes. */
  stringStart(path: YamlPath): number;
}

interface Located {
  key?: ParsedNode;
  value?: ParsedNode;
}

const walk = (doc: Document.Parsed, path: YamlPath): Located[] => {
  const trail: Located[] = [{ value: doc.contents ?? undefined }];
  let node: Node | null | undefined = doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) =>
          isScalar(item.key) && String(item.key.value) === String(segment)
      );
      if (pair === undefined) break;
      trail.push({
        key: pair.key as ParsedNode,
        value: (pair.value ?? undefined) as ParsedNode | undefined,
      });
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as ParsedNode | undefined;
      if (item === undefined) break;
      trail.push({ value: item });
      node = item;
    } else {
      break;
    }
  }
  return trail;
};

/**
 * Returns a {@link YamlSource} whose ranges are offsets into the whole file:
 * the document's own offsets shifted by where its YAML starts.
 *
 * @param doc - a document parsed with the `yaml` package (ranges kept)
 * @param yaml - the YAML text the document was parsed from
 * @param offset - where that text starts in the whole file
 * @param fallback - range for paths that locate nothing, e.g. an empty document
 */
const yamlSource = (
  doc: Document.Parsed,
  yaml: string,
  offset: number,
  fallback: [number, number]
): YamlSource => {
  // Block collections end after their trailing line break; stop the range
  // at the last visible character so it stays on the node's own lines.
  const trimmed = (node: ParsedNode): [number, number] => {
    const [start, end] = node.range;
    let last = end;
    while (last > start && /\s/.test(yaml[last - 1] ?? '')) last--;
    return [offset + start, offset + last];
  };
  // An empty value's range sits on the next line: the key is the better spot.
  const isEmpty = (node: ParsedNode | undefined): boolean =>
    node === undefined ||
    (isScalar(node) && node.value === null && node.range[0] === node.range[1]);
  const deepest = (trail: Located[]): [number, number] => {
    for (let i = trail.length - 1; i >= 0; i--) {
      const { key, value } = trail[i]!;
      if (!isEmpty(value)) return trimmed(value!);
      if (key !== undefined) return trimmed(key);
    }
    return fallback;
  };
  const complete = (path: YamlPath, trail: Located[]): boolean =>
    trail.length === path.length + 1;
  return {
    valueRange: (path) => deepest(walk(doc, path)),
    keyRange: (path) => {
      // The document itself has no key: point at its header line.
      if (path.length === 0) return fallback;
      const trail = walk(doc, path);
      const last = trail.at(-1);
      if (complete(path, trail) && last?.key !== undefined) {
        return trimmed(last.key);
      }
      return deepest(trail);
    },
    stringStart: (path) => {
      const trail = walk(doc, path);
      const node = trail.at(-1)?.value;
      if (!complete(path, trail) || node === undefined || !isScalar(node)) {
        return deepest(trail)[0];
      }
      const quoted =
        node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      return offset + node.range[0] + (quoted ? 1 : 0);
    },
  };
};

export type { YamlPath, YamlSource };
export { yamlSource };
