import type { FastifyInstance } from 'fastify';
import { callerOf, hallRoute, type HallContext } from '../http/context.js';

/**
 * `POST /appointments/import` (managers) stores bookings of the district's booking system (code, category, slot):
 * 200 with what it added, replaced and left (checked in already).
 */
export function appointmentRoutes(app: FastifyInstance, { engine }: HallContext): void {
  hallRoute(app, 'importAppointments', async (request) => engine.importAppointments(callerOf(request), request.body));
}
