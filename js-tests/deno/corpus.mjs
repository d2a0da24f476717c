// The documented fixtures and their expectations, read with Deno's APIs, for the Deno handler tests.
const root = new URL("../../", import.meta.url);
export const expected = JSON.parse(Deno.readTextFileSync(new URL("tests/expected.json", root)));
export const fixtures = [];
for (const provider of ["callbell", "greenapi", "plugchat", "zapi"]) {
  const names = [...Deno.readDirSync(new URL(`tests/fixtures/${provider}/`, root))].map((e) => e.name).filter((n) => n.endsWith(".json")).sort();
  for (const n of names) fixtures.push([`${provider}/${n}`, Deno.readFileSync(new URL(`tests/fixtures/${provider}/${n}`, root))]);
}
