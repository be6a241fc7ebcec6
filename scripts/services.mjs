// Finding the PostgreSQL and Redis that tests and benchmarks run against: DATABASE_URL / REDIS_URL when
// given, else the local default ports. A missing service is named with the package that provides it.
import net from "node:net";
import pg from "pg";

export const databaseUrl = () => process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const redisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export async function checkPostgres(url = databaseUrl()) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT current_setting('server_version') AS v, rolcreatedb FROM pg_roles WHERE rolname = current_user");
    if (!rows[0]?.rolcreatedb) throw new Error("the role cannot create databases (tests make one per run): grant CREATEDB");
    return rows[0].v;
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${new URL(url).host}: ${error.message}. Install and start the Debian package "postgresql" (apt-get install -y postgresql; pg_ctlcluster <version> main start) or set DATABASE_URL.`);
  } finally {
    await client.end().catch(() => {});
  }
}

export function checkRedis(url = redisUrl()) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const fail = (why) => reject(new Error(`Redis is not reachable at ${u.host}: ${why}. Install and start the Debian package "redis-server" (apt-get install -y redis-server; redis-server --daemonize yes) or set REDIS_URL.`));
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379), timeout: 3000 });
    socket.on("connect", () => socket.write(u.password ? `AUTH ${decodeURIComponent(u.password)}\r\nPING\r\n` : "PING\r\n"));
    let reply = "";
    socket.on("data", (d) => {
      reply += String(d); // with AUTH, "+OK" may come before "+PONG"
      if (reply.includes("PONG")) {
        socket.end();
        resolve();
      } else if (/(^|\n)-/.test(reply)) {
        socket.end();
        fail(reply.trim());
      }
    });
    socket.on("timeout", () => { socket.destroy(); fail("timed out"); });
    socket.on("error", (e) => fail(e.message));
  });
}

/** Creates a database on the server of `url` and returns its URL. */
export async function createDatabase(name, url = databaseUrl()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabase(name, url = databaseUrl()) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
}
