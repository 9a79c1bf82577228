// request-key.mjs: which recorded page answers a Scan request (gen-table.mjs
// records, replay.mjs serves).

// A request's segment and its ExclusiveStartKey, with members in a fixed
// order.
export function requestKey (body) {
  const canon = (v) => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`
  }
  return `${body.Segment ?? '-'}/${body.TotalSegments ?? '-'}/${canon(body.ExclusiveStartKey ?? null)}`
}
