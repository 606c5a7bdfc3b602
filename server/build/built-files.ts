/** The prepared content the server build writes next to the compiled server (dist/server). */
export const PREPARED_CONTENT_FILE = './prepared-content.json'
