import { describe, expect, test } from "bun:test";
import { DumpReader, parseValuesList } from "./dump-parser.ts";

const DUMP = `-- MariaDB dump 10.19
DROP TABLE IF EXISTS \`exchange_rate_history\`;
CREATE TABLE \`exchange_rate_history\` (
  \`id\` bigint(20) NOT NULL AUTO_INCREMENT,
  \`currency_code\` varchar(10) NOT NULL,
  \`deal_base_rate\` decimal(18,4) NOT NULL,
  \`tts\` decimal(18,4) DEFAULT NULL,
  PRIMARY KEY (\`id\`),
  KEY \`ix\` (\`currency_code\`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4;
CREATE TABLE \`collection_logs\` (
  \`id\` int(11) NOT NULL
);
INSERT INTO \`exchange_rate_history\` VALUES (1,'USD',1392.4500,NULL),(2,'JPY(100)',912.3000,930.1000);
INSERT INTO \`collection_logs\` VALUES (1);
INSERT INTO \`exchange_rate_history\` (\`tts\`, \`id\`, \`currency_code\`, \`deal_base_rate\`) VALUES (NULL,3,'EUR',1500.1);
INSERT INTO \`exchange_rate_history\` VALUES (4,'GBP',1800);
`;

describe("the mysqldump reader", () => {
  test("rows of the wanted tables come out keyed by the CREATE TABLE's column order", () => {
    const reader = new DumpReader(new Set(["exchange_rate_history"]));
    const batches = DUMP.split("\n").flatMap((line) => reader.accept(line) ?? []);
    expect(batches.map((b) => b.rows)).toEqual([
      [
        { id: "1", currency_code: "USD", deal_base_rate: "1392.4500", tts: null },
        { id: "2", currency_code: "JPY(100)", deal_base_rate: "912.3000", tts: "930.1000" },
      ],
      [{ tts: null, id: "3", currency_code: "EUR", deal_base_rate: "1500.1" }],
      [],
    ]);
    expect(batches.map((b) => b.malformed)).toEqual([0, 0, 1]);
    expect(reader.columnsOf("exchange_rate_history")).toEqual([
      "id",
      "currency_code",
      "deal_base_rate",
      "tts",
    ]);
  });

  test("MariaDB's one tuple per line: the statement runs on until its semicolon", () => {
    const reader = new DumpReader(new Set(["exchange_rate_history"]));
    const lines = [
      ...DUMP.split("\n").slice(0, 11),
      "INSERT INTO `exchange_rate_history` VALUES",
      "(5,'USD',1.5,NULL),",
      "(6,'EUR',2.5,'2.6');",
      "UNLOCK TABLES;",
    ];
    const rows = lines.flatMap((line) => reader.accept(line)?.rows ?? []);
    expect(rows.map((row) => row.id)).toEqual(["5", "6"]);
  });

  test("strings keep escaped quotes, backslashes, commas and parentheses as data", () => {
    expect(parseValuesList(String.raw`(1,'it\'s','a''b','c\\d','(x, y)','line\nnext',NULL,-1.5e3);`)).toEqual(
      [["1", "it's", "a'b", "c\\d", "(x, y)", "line\nnext", null, "-1.5e3"]],
    );
  });

  test("a truncated VALUES list stops the import instead of yielding half a row", () => {
    expect(() => parseValuesList("(1,'USD")).toThrow(SyntaxError);
    expect(() => parseValuesList("(1,)")).toThrow(SyntaxError);
  });
});
