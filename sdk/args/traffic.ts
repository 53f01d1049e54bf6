/** Method-based routing with the Gateway API (`plan/traffic.ts`). */
export interface TrafficArgs {
    /**
     * Method-based routing with the Gateway API: an `HTTPRoute` `<name>` that sends GET and HEAD to the
     * read Service `<name>` and writes to `<name>-primary`. Needs the Gateway API CRDs and a Gateway.
     * Default: no route.
     */
    httpRoute?: HttpRouteArgs;
}

export interface HttpRouteArgs {
    /**
     * The Gateways the route attaches to (`parentRefs`), 1 to 32. A Gateway in another namespace must
     * allow routes from this app's namespace (its listener's `allowedRoutes`).
     */
    parentRefs: GatewayRefArgs[];
    /**
     * Host names the route answers, e.g. "app.example.com" or "*.example.com" (at most 16). Default: none,
     * meaning every host name the Gateway's listeners accept.
     */
    hostnames?: string[];
}

export interface GatewayRefArgs {
    /** The Gateway's name. */
    name: string;
    /** The Gateway's namespace. Default: the app's namespace. */
    namespace?: string;
    /** One listener of the Gateway, by name (`sectionName`). Default: every listener that allows the route. */
    sectionName?: string;
    /** Only the Gateway's listeners on this port. Default: any port. */
    port?: number;
}
