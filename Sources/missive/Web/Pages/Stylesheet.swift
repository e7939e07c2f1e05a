/// The site's one stylesheet: a readable column, the letter in a serif face, marks in yellow.
enum Stylesheet {
    static let text = """
    :root { --ink: #222; --muted: #6a6a6a; --rule: #ddd; --accent: #7a4b12; --paper: #fffdf8; --mark: #ffe27a; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--paper); }
    a { color: var(--accent); }
    header.site { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; padding: .75rem 1.25rem; border-bottom: 1px solid var(--rule); background: #f6f0e3; }
    header.site .brand { font: 600 1.3rem Georgia, serif; text-decoration: none; color: var(--ink); }
    header.site form.search { display: flex; flex: 1 1 30rem; gap: .4rem; }
    header.site input[name=q] { flex: 1; font-size: 1rem; padding: .35rem .5rem; border: 1px solid #bbb; border-radius: 4px; }
    header.site input[aria-invalid=true] { border-color: #b00020; }
    header.site nav a { margin-left: .5rem; }
    button, select { font-size: .95rem; padding: .3rem .6rem; }
    .error { margin: .5rem 1.25rem; padding: .5rem .75rem; border-left: 4px solid #b00020; background: #fff0f0; }
    .error p { margin: 0; color: #b00020; }
    .error pre.caret { margin: .25rem 0 0; font-size: .9rem; }
    details.syntax { margin: .25rem 1.25rem; color: var(--muted); font-size: .9rem; }
    details.syntax pre { white-space: pre-wrap; color: var(--ink); }
    main { padding: 0 1.25rem 2rem; max-width: 75rem; }
    footer { padding: 1rem 1.25rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
    .summary { color: var(--muted); }
    .hint { margin: .25rem 0; }
    .results { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 2rem; }
    @media (max-width: 50rem) { .results { grid-template-columns: 1fr; } }
    ol.hits { list-style: none; padding: 0; margin: 0; }
    ol.hits li { padding: .75rem 0; border-bottom: 1px solid var(--rule); }
    ol.hits .rank { color: var(--muted); margin-right: .4rem; font-variant-numeric: tabular-nums; }
    ol.hits .title { font: 600 1.1rem Georgia, serif; }
    .meta { color: var(--muted); font-size: .9rem; }
    .snippet { margin: .3rem 0 0; }
    mark { background: var(--mark); padding: 0 .1em; border-radius: 2px; }
    mark.current { outline: 2px solid var(--accent); }
    nav.pages { display: flex; gap: 1rem; margin: 1rem 0; }
    aside h2 { font-size: 1rem; margin: 1rem 0 .4rem; }
    aside ul { list-style: none; padding: 0; margin: 0; font-size: .9rem; }
    aside li { display: flex; justify-content: space-between; gap: .5rem; }
    aside .count { color: var(--muted); font-variant-numeric: tabular-nums; }
    svg.timeline { width: 100%; max-width: 36rem; height: auto; display: block; }
    svg.timeline .bar { fill: #c9a66b; }
    svg.timeline a:hover .bar, svg.timeline a:focus .bar { fill: var(--accent); }
    svg.timeline .bar.empty { fill: #eee; }
    svg.timeline text { font-size: 10px; fill: var(--muted); }
    article.letter { max-width: 46rem; }
    article.letter h1 { font: 600 1.6rem/1.25 Georgia, serif; }
    dl.header { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .95rem; }
    dl.header dt { color: var(--muted); }
    dl.header dd { margin: 0; }
    .letter-body { font: 1.05rem/1.6 Georgia, "Times New Roman", serif; white-space: pre-wrap; overflow-wrap: anywhere; margin: 1.5rem 0; }
    .letter-body a.next { font-size: .75em; text-decoration: none; margin-left: .1em; vertical-align: super; }
    nav.thread { display: flex; justify-content: space-between; gap: 1rem; border-top: 1px solid var(--rule); padding-top: .75rem; font-size: .95rem; }
    .matches { color: var(--muted); }
    table.pairs { border-collapse: collapse; width: 100%; font-size: .95rem; }
    table.pairs th, table.pairs td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--rule); }
    table.pairs td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
    table.pairs td.number { text-align: right; font-variant-numeric: tabular-nums; }

    """
}
