// The telephony platform's API: signed call events, and the expected wait in a queue for its IVR.
// Requests carry no token; each is signed with the council's shared secret (docs/telephony.md).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FeatureOptions } from '../../platform/http/feature.ts'
import type { Actor } from '../../platform/audit/audit.ts'
import { councilOf } from '../../platform/council/plugin.ts'
import { councilForHost } from '../../platform/council/council.ts'
import { Problem } from '../../platform/http/problem.ts'
import { problemResponses } from '../../platform/http/schemas.ts'
import {
  CALL_BACK_WINDOWS,
  CALL_EVENT_TYPES,
  QUEUE_NAME_MAX,
  QUEUE_NAME_PATTERN,
  bookIvrCallBack,
  callerNumberHash,
  expectedWait,
  receiveCallEvent,
  verifySigned,
} from './service.ts'
import type { CallBackWindow, CallEventType } from './service.ts'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.ts'

const tags = ['telephony']
const SIGNED = { permission: 'telephony:signed' as const }

// Signed routes take no bearer token (one is refused, 403): the OpenAPI document says so by
// clearing the API's default security and naming the two headers that prove the request instead.
const SIGNED_DOCS = {
  security: [],
  description:
    'Signed with the council’s telephony secret instead of a token (docs/telephony.md): ' +
    'HMAC-SHA256 of "TIMESTAMP.BODY" (for a GET, "TIMESTAMP.PATH"), hex, keyed with the secret.',
  headers: Type.Object({
    [TIMESTAMP_HEADER]: Type.String({ pattern: '^[0-9]{1,12}$', description: 'The time of signing, Unix seconds' }),
    [SIGNATURE_HEADER]: Type.String({
      pattern: '^sha256=[0-9a-f]{64}$',
      description: 'sha256= then the lower-case hex HMAC-SHA256',
    }),
  }),
}
const QUEUE = Type.String({ minLength: 1, maxLength: QUEUE_NAME_MAX, pattern: QUEUE_NAME_PATTERN })
const TIME = Type.String({ format: 'date-time' })
const CALLER_NUMBER = Type.String({ pattern: '^\\+?[0-9 ()\\-.]{7,20}$' })

const CallEventBody = Type.Object(
  {
    event_id: Type.String({ minLength: 1, maxLength: 200 }),
    type: Type.Union(CALL_EVENT_TYPES.map((t) => Type.Literal(t))),
    external_id: Type.String({ minLength: 1, maxLength: 200 }),
    at: TIME,
    queue: Type.Optional(QUEUE),
    agent_email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    caller_number: Type.Optional(CALLER_NUMBER),
  },
  { additionalProperties: false },
)

const CallBackBody = Type.Object(
  {
    event_id: Type.String({ minLength: 1, maxLength: 200 }),
    queue: QUEUE,
    caller_number: CALLER_NUMBER,
    window: Type.Optional(Type.Union(Object.keys(CALL_BACK_WINDOWS).map((w) => Type.Literal(w)))),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    language: Type.Optional(
      Type.Union([Type.Literal('en'), Type.Literal('cy')], {
        description: 'The language the caller chose in the IVR, to be called back in; English when left out',
      }),
    ),
  },
  { additionalProperties: false },
)

const BookedCallBackSchema = Type.Object({
  id: Type.Integer(),
  queue: Type.String(),
  window: Type.String(),
  window_start: Type.String({ format: 'date-time' }),
  window_end: Type.String({ format: 'date-time' }),
})

const QueueWaitSchema = Type.Object({
  queue: Type.String(),
  expected_wait_seconds: Type.Integer(),
  offer_call_back: Type.Boolean(),
  call_back_threshold_seconds: Type.Integer(),
})

declare module 'fastify' {
  interface FastifyRequest {
    telephonySignature?: string
    rawBody?: string
  }
}

const REFUSALS = {
  unsigned: [401, `Sign the request: send ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER}`],
  malformed: [401, `${SIGNATURE_HEADER} must be sha256= and 64 hex digits; ${TIMESTAMP_HEADER} Unix seconds`],
  wrong: [401, 'The signature does not match this request and the council’s telephony secret'],
  stale: [401, 'The timestamp is more than 5 minutes from now: sign the request again'],
  no_secret: [401, 'This council has no telephony secret: run frontdoor telephony secret'],
} as const

/** Refuses a request not signed with this council's secret, before its body is even looked at. */
function signedBy(options: FeatureOptions, bodyOf: (request: FastifyRequest) => string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = (name: string) => {
      const value = request.headers[name]
      return typeof value === 'string' ? value : undefined
    }
    // The platform holds no token, so its council is the one the address it calls belongs to.
    request.council = (await councilForHost(options.database, request.headers.host)) ?? null
    if (!request.council) throw new Problem(421, 'No council answers at this address')
    const verdict = await verifySigned(options.database, options.config.sessionSecret, councilOf(request).id, {
      signature: header(SIGNATURE_HEADER),
      timestamp: header(TIMESTAMP_HEADER),
      body: bodyOf(request),
    })
    if (verdict.ok) {
      request.telephonySignature = verdict.signature
      return
    }
    reply.header('www-authenticate', 'Signature realm="frontdoor-telephony"')
    const [status, detail] = REFUSALS[verdict.reason]
    throw new Problem(status, detail)
  }
}

function platformActor(request: FastifyRequest): Actor {
  const councilId = councilOf(request).id
  return { kind: 'system', id: null, label: 'telephony platform', councilId, sourceAddress: request.ip }
}

export async function telephonyApi(parent: FastifyInstance, options: FeatureOptions): Promise<void> {
  const app = parent.withTypeProvider<TypeBoxTypeProvider>()
  const { database, config } = options

  // The signature is over the bytes sent, so the body is kept as text as well as parsed.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string))
    } catch {
      done(new Problem(400, 'The body is not valid JSON'), undefined)
    }
  })

  app.post(
    '/telephony/calls',
    {
      config: SIGNED,
      preValidation: signedBy(options, (request) => request.rawBody ?? ''),
      schema: {
        ...SIGNED_DOCS,
        tags,
        summary: 'Take one signed call event from the telephony platform: offered, answered, ended or abandoned',
        body: CallEventBody,
        response: { 202: Type.Object({ accepted: Type.Boolean() }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const council = councilOf(request)
      const body = request.body
      await receiveCallEvent(
        database,
        platformActor(request),
        council.id,
        { eventId: body.event_id, signature: request.telephonySignature as string },
        {
          type: body.type as CallEventType,
          externalId: body.external_id,
          queue: body.queue ?? null,
          at: new Date(body.at).toISOString(),
          agentEmail: body.agent_email ?? null,
          callerNumberHash: body.caller_number
            ? callerNumberHash(config.sessionSecret, council.id, body.caller_number)
            : null,
        },
      )
      return reply.status(202).send({ accepted: true })
    },
  )

  app.get(
    '/telephony/queues/:queue',
    {
      config: SIGNED,
      // A GET has no body: the path it asks for is what is signed.
      preValidation: signedBy(options, (request) => request.url),
      schema: {
        ...SIGNED_DOCS,
        tags,
        summary: 'The expected wait in a queue, for an IVR to announce, and whether to offer a call back',
        params: Type.Object({ queue: QUEUE }),
        response: { 200: QueueWaitSchema, ...problemResponses },
      },
    },
    async (request) => {
      const wait = await expectedWait(database, councilOf(request), request.params.queue)
      return {
        queue: wait.queue,
        expected_wait_seconds: wait.expectedWaitSeconds,
        offer_call_back: wait.offerCallBack,
        call_back_threshold_seconds: wait.callBackThresholdSeconds,
      }
    },
  )

  app.post(
    '/telephony/call-backs',
    {
      config: SIGNED,
      preValidation: signedBy(options, (request) => request.rawBody ?? ''),
      schema: {
        ...SIGNED_DOCS,
        tags,
        summary: 'Book a call back a caller accepted in the IVR, in the window they chose or the soonest',
        body: CallBackBody,
        response: { 200: BookedCallBackSchema, 201: BookedCallBackSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const council = councilOf(request)
      const body = request.body
      const booked = await bookIvrCallBack(
        database,
        platformActor(request),
        council,
        { eventId: body.event_id, signature: request.telephonySignature as string },
        {
          queue: body.queue,
          phone: body.caller_number.trim(),
          window: (body.window as CallBackWindow | undefined) ?? null,
          name: body.name?.trim() || null,
          reason: body.reason?.trim() || null,
          language: body.language ?? 'en',
        },
      )
      // 200 when the caller already had a call back waiting: the IVR reads out the one they have.
      return reply.status(booked.existing ? 200 : 201).send({
        id: booked.id,
        queue: body.queue,
        window: booked.window,
        window_start: booked.windowStart,
        window_end: booked.windowEnd,
      })
    },
  )
}
