import { pubSubSuite } from "./support/pubsub-suite.ts";

pubSubSuite("local", { publisher: 3, subscriber: 4 });
