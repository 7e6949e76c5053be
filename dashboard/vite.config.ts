import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One JS and one CSS file (the app has no dynamic imports, so no chunks): the HTML report inlines
// them into a single file. Relative base so the same build also runs from file://.
export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: false,
    chunkSizeWarningLimit: 1500,
  },
});
