import "../../examples/worker/test/worker.test.mjs";
