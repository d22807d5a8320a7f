import { pubSubSuite } from "./support/pubsub-suite.ts";

pubSubSuite("kafka");
