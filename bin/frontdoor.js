#!/usr/bin/env node
// The `frontdoor` command: npm puts the pinned Node 24 first on PATH, which runs the TypeScript CLI directly.
import '../src/main.ts'
