import Database from "better-sqlite3";
const db = new Database(":memory:");
console.log("loading");
db.loadExtension("/work/main/server/store/native/build/sqlite-limits.so");
console.log("loaded");
console.log(db.prepare("SELECT 1").get());
