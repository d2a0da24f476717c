// Cold-start worker: JSON.parse only (the floor).
export default { async fetch(request) { return Response.json(JSON.parse(await request.text())); } };
