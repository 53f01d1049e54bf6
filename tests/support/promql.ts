/**
 * Reads PromQL with Prometheus's own grammar (@prometheus-io/lezer-promql, the parser of Prometheus's web
 * UI): the metric names an expression selects, and whether it parsed at all.
 */
type LezerPromQl = typeof import("@prometheus-io/lezer-promql", { with: { "resolution-mode": "import" } });
// The package's types are ESM; its CommonJS build is what this CommonJS test code loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parser }: LezerPromQl = require("@prometheus-io/lezer-promql");

export interface ParsedQuery {
    /** Metric names of every vector and matrix selector. */
    readonly metrics: string[];
    /** Text of every node the parser could not read. */
    readonly errors: string[];
    /** `{__name__=…}` selectors, which would hide a metric name from `metrics`. */
    readonly nameMatchers: string[];
}

/** Grafana's interval variables are not PromQL: a plain duration stands in for them. */
export function withoutGrafanaVariables(expr: string): string {
    return expr.replace(/\$__(rate_)?interval/g, "5m");
}

export function parsePromQl(expr: string): ParsedQuery {
    const metrics: string[] = [];
    const errors: string[] = [];
    const nameMatchers: string[] = [];
    parser.parse(expr).iterate({
        enter(node) {
            const text = expr.slice(node.from, node.to);
            if (node.type.isError) errors.push(`${node.from}: ${JSON.stringify(text)}`);
            else if (node.name === "Identifier" && node.node.parent?.name === "VectorSelector") metrics.push(text);
            else if (node.name === "LabelName" && text === "__name__") nameMatchers.push(text);
        },
    });
    return { metrics, errors, nameMatchers };
}
