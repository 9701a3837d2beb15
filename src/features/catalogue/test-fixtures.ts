// What a catalogue test fills in to make a service (its team and partner: test/support/fixtures.ts).
import type { ServiceInput } from './service.ts'

export function serviceInput(teamId: number, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    name: 'Report fly-tipping',
    description: 'Tell us about rubbish dumped on public land',
    lgsl_code: 1210,
    open311_code: 'fly-tipping',
    open311_group: 'Waste and recycling',
    team_id: teamId,
    target_hours: 16,
    online_available: true,
    offline_route: 'Phone 01632 960 001 or visit the council offices',
    keywords: ['rubbish', 'dumping'],
    form: [
      { name: 'what', label: 'What has been dumped?', type: 'text', required: true },
      {
        name: 'how_much',
        label: 'How much is there?',
        type: 'radios',
        required: true,
        options: ['A bag', 'A car boot', 'A van load'],
      },
    ],
    ...overrides,
  }
}
