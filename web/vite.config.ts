// The researcher page and the explorer: one index.html served by the API for every page route (history routing),
// its assets under /app/ (peergraph/web.py). `npm run dev` proxies /graphql to a running `make run`.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/app/",
  build: { outDir: "dist", assetsDir: "assets", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 600 },
  server: {
    // The contract lives beside the front end (../contract/explorer.graphql) and is read at build time.
    fs: { allow: [".."] },
    proxy: { "/graphql": "http://127.0.0.1:8000" },
  },
});
