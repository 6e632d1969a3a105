// `_fields`: WordPress's sparse fieldsets, top-level names and nested `a.b` paths, applied to an item or a list.

/** A tree of the paths asked for: a leaf (true) keeps the whole value below it. */
type FieldTree = Map<string, FieldTree | true>;

/** The `_fields` of a query (CSV or `_fields[]`), as a tree; undefined when absent or empty. */
export function fieldsRequest(query: URLSearchParams): FieldTree | undefined {
  const paths = [...query.getAll('_fields'), ...query.getAll('_fields[]')].flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean);
  if (paths.length === 0) return undefined;
  const tree: FieldTree = new Map();
  for (const path of paths) {
    let node = tree;
    const parts = path.split('.');
    for (const [index, part] of parts.entries()) {
      const existing = node.get(part);
      if (existing === true) break;
      if (index === parts.length - 1) {
        node.set(part, true);
        break;
      }
      const child: FieldTree = existing ?? new Map();
      node.set(part, child);
      node = child;
    }
  }
  return tree;
}

function pick(value: unknown, tree: FieldTree): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, below] of tree) {
    if (!Object.hasOwn(value, name)) continue;
    const child = (value as Record<string, unknown>)[name];
    out[name] = below === true ? child : pick(child, below);
  }
  return out;
}

/** `body` with only the fields asked for; a list keeps its items, each filtered. */
export function filterFields(body: unknown, tree: FieldTree): unknown {
  return Array.isArray(body) ? body.map((item) => pick(item, tree)) : pick(body, tree);
}
