import { pubSubSuite } from "./support/pubsub-suite.ts";

pubSubSuite("kafka", { publisher: 5, subscriber: 6 });
