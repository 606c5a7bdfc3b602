import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'

/**
 * tldraw's fonts, icons, translations and embed icons, bundled by Vite and served by our own
 * server: workshops run on closed networks, so nothing may come from tldraw's CDN.
 */
export const assetUrls = getAssetUrlsByImport()
