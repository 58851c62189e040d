/** The ceiling: a bare Fastify route returning a constant, on the port given. Not the product. */
import Fastify from 'fastify'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2] ?? 3999) })
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
