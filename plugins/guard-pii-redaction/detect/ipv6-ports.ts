/**
 * Round 28: whether a service's port number glued after an IPv6 address (`redis ping timeout at 2001:db8:42::7:6379`) is a port,
 * or the address's own last group. Logs and error messages glue the port of the service they connect to without the brackets RFC
 * 3986 asks for; a person who gives an address in prose (`the server is at 2a03:b0c0:3:d0::1e4:7001`) writes the whole address,
 * whose last group may read as a port number (7001, 8080, 9000 are valid hex groups). So a port is read off only on a line that
 * reads like a log or a connection message: a connection or failure word, a log level, a service's name, or an arrow.
 */
const CONNECTION_LINE = new RegExp(
  String.raw`(?<![\p{L}])(?:connect\p{L}*|refused|time[sd]?[\s-]?out|unreachable|ping|broker|upstream|downstream|listen\p{L}*|dial\p{L}*|sockets?|` +
    String.raw`tcp|udp|errors?|err|warn\p{L}*|debug|fatal|fail\p{L}*|exceptions?|retr(?:y|ies)|rebalanc\p{L}*|reset|handshake|respond\p{L}*|down|unavailable|latency|crash\p{L}*|restart\p{L}*|stuck|logs?|trace|closed|dropp\p{L}*|ports?|` +
    String.raw`postgres\p{L}*|psql|redis|kafka|mysql|mariadb|mssql|oracle|elastic\p{L}*|kibana|mongo\p{L}*|rabbit\p{L}*|amqp|nats|etcd|zookeeper|` +
    String.raw`memcached?|cassandra|vnc|rdp|consul|grafana|prometheus|nfs|weblogic|jdbc|kube\p{L}*|k8s|docker|grpc|http|https|proxy|ssh)(?![\p{L}])|->|=>|→`,
  'iu',
);

/** Whether the line of an address at `start` reads like a log or a connection message (see CONNECTION_LINE). */
export function connectionLine(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const lineEnd = text.indexOf('\n', start);
  return CONNECTION_LINE.test(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
}
