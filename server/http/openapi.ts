import { createDocument } from 'zod-openapi';
import { endpoints } from '../../contract/index';
import { contractPaths } from './openapi-paths';

/**
 * The OpenAPI description of the API, generated from the wire contract (contract/): every
 * endpoint the server registers, with its role, parameters, body and answers.
 */
export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Huitou API',
      version: '0.1.0',
      description:
        'Customer journeys for e-commerce shops. Bearer token on every path but /api/health; each operation says the role it needs (x-role: analyst < marketer < admin). Errors are { error, message, problems? }, each problem naming its field.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: contractPaths(endpoints),
  });
}
