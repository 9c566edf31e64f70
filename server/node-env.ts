/*
 * Imported first by every entry point that serves pages. React (and Express) choose their code at
 * load time from NODE_ENV, and React's development build renders several times slower; `npm start`
 * on a fresh machine sets no NODE_ENV, so production is the default here. Whether production was
 * asked for explicitly is remembered, because only then is a configured SESSION_SECRET required.
 */
export const productionRequested = process.env.NODE_ENV === "production";
process.env.NODE_ENV ??= "production";
