// Where a browser test's screenshots go: always to e2e/artifacts/ (CI keeps them), and to the
// committed screenshots/ when UPDATE_SCREENSHOTS=1 asks for them to be renewed.
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.join(HERE, 'artifacts');
const SCREENSHOTS = path.join(HERE, '..', 'screenshots');

/** A full-page screenshot as `<name>.png`; the artifact's path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(SCREENSHOTS, { recursive: true });
    await copyFile(file, path.join(SCREENSHOTS, `${name}.png`));
  }
  return file;
}
