// The runtime globals the snippets use, declared for tsc (Deno and Bun ship their own types).
declare const Deno: { env: { get(name: string): string | undefined } };
declare const Bun: { serve(options: { port?: number; fetch(request: Request): Response | Promise<Response> }): unknown };
