import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base.js'

// main.ts is the `imgproc` bin (it keeps its #!/usr/bin/env node line); index.ts re-exports
// main() and COMMANDS for embedding and tests.
export default defineConfig(packageBuild(['src/index.ts', 'src/main.ts'], { node: true }))
