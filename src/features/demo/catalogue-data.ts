// The demo council's teams, partners and service catalogue. LGSL codes are the real Local
// Government Services List codes for each service; people, places and numbers are fictional
// (.example domains, Ofcom's drama numbers, a postcode area that does not exist).
import type { FormField } from '../catalogue/service.ts'

export const DEMO_COUNCIL = {
  name: 'Ashby Vale District Council',
  slug: 'ashby-vale',
  hostnames: ['localhost', '127.0.0.1'],
  emailDomain: 'ashby-vale.example',
  town: 'Ashby',
} as const

export type TeamKey = 'waste' | 'revenues' | 'housing' | 'environmental_health' | 'planning' | 'customer_services'
export type PartnerKey = 'county' | 'advice'

export type DemoTeam = {
  key: TeamKey
  name: string
  email: string
  /** The phone queue its calls arrive on. */ queue: string
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { key: 'waste', name: 'Waste and Street Scene', email: 'streetscene@ashby-vale.example', queue: 'waste' },
  { key: 'revenues', name: 'Revenues and Benefits', email: 'revenues@ashby-vale.example', queue: 'revenues' },
  { key: 'housing', name: 'Housing Options', email: 'housing@ashby-vale.example', queue: 'housing' },
  {
    key: 'environmental_health',
    name: 'Environmental Health',
    email: 'envhealth@ashby-vale.example',
    queue: 'environmental-health',
  },
  { key: 'planning', name: 'Planning and Building Control', email: 'planning@ashby-vale.example', queue: 'planning' },
  {
    key: 'customer_services',
    name: 'Customer Services',
    email: 'contact@ashby-vale.example',
    queue: 'customer-services',
  },
]

export type DemoPartner = {
  key: PartnerKey
  name: string
  description: string
  email: string
  phone: string
  website: string
  openReferralId: string
}

export const DEMO_PARTNERS: readonly DemoPartner[] = [
  {
    key: 'county',
    name: 'Ashby County Council',
    description:
      'The county council: highways, street lighting, drainage, social care and libraries across Ashby Vale.',
    email: 'highways@ashby-county.example',
    phone: '01632 960500',
    website: 'https://www.ashby-county.example',
    openReferralId: '6f1c2b7e-4a0d-4c53-9b8e-2d5f7a1c3e90',
  },
  {
    key: 'advice',
    name: 'Vale Community Advice',
    description: 'Independent charity giving free advice on debt, benefits and housing, and help to get online.',
    email: 'hello@valeadvice.example',
    phone: '01632 960750',
    website: 'https://www.valeadvice.example',
    openReferralId: 'b3d9e0a4-7c21-4f6e-8a15-9e4c0d2b6f18',
  },
]

const COUNTER =
  'Phone 01632 960000 or visit the Civic Centre counter, Market Place, Ashby, Monday to Friday 9am to 5pm. An adviser can fill in the form with you.'
const COUNTY =
  'Phone Ashby County Council Highways on 01632 960500 (24 hours for emergencies), or tell us at the Civic Centre and we will pass it on.'

/** A form field plus sample answers for the demo history; only the FormField part is stored. */
export type DemoField = FormField & { examples?: readonly string[] }

export type DemoService = {
  name: string
  slug: string
  description: string
  lgsl: number
  code: string
  group: string
  team?: TeamKey
  partner?: PartnerKey
  targetHours: number
  online: boolean
  offlineRoute: string
  keywords: readonly string[]
  fields: readonly DemoField[]
  /** Relative share of the council's demand for this service. */
  demand: number
  /** Share of assisted contacts about this service that need a case, before channel effects. */
  caseRate: number
  /** Share of web visits that finish online without a case (a payment, an answer found). */
  webResolves: number
  /** Whether a case records where the problem is. */
  located: boolean
  priority: 'normal' | 'high' | 'urgent'
  resolutions: readonly string[]
}

const BIN_TYPES = ['Rubbish (black bin)', 'Recycling (blue bin)', 'Garden waste (brown bin)', 'Food waste caddy']
const STREET_SPOTS = [
  'Alley behind the shops',
  'Footpath by the play area',
  'Lay-by on the main road',
  'Next to the bus shelter',
  'Grass verge near the school',
  'Car park entrance',
]

const text = (
  name: string,
  label: string,
  required: boolean,
  examples?: readonly string[],
  maxLength = 200,
): DemoField => ({ name, label, type: 'text', required, maxLength, ...(examples ? { examples } : {}) })
const area = (name: string, label: string, required: boolean, examples?: readonly string[]): DemoField => ({
  name,
  label,
  type: 'textarea',
  required,
  maxLength: 500,
  ...(examples ? { examples } : {}),
})
const choice = (
  type: 'select' | 'radios' | 'checkboxes',
  name: string,
  label: string,
  options: readonly string[],
  required = true,
): DemoField => ({ name, label, type, required, options: [...options] })
const yesNo = (name: string, label: string, required = true): DemoField => ({ name, label, type: 'yes_no', required })
const numberField = (name: string, label: string, min: number, max: number, required = true): DemoField => ({
  name,
  label,
  type: 'number',
  required,
  min,
  max,
})
const date = (name: string, label: string, required = true): DemoField => ({ name, label, type: 'date', required })

const whereIsIt = area('location_description', 'Where exactly is it?', true, STREET_SPOTS)

export const DEMO_SERVICES: readonly DemoService[] = [
  {
    name: 'Report a missed bin collection',
    slug: 'report-a-missed-bin',
    description: 'Tell us if your bin was not emptied on your collection day. We will return within two working days.',
    lgsl: 524,
    code: 'missed-bin',
    group: 'Waste',
    team: 'waste',
    targetHours: 16,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['bin', 'rubbish', 'recycling', 'collection', 'missed', 'not emptied'],
    fields: [
      choice('radios', 'bin_type', 'Which bin was missed?', BIN_TYPES),
      date('collection_date', 'Date of the missed collection'),
      yesNo('bin_out_by_7am', 'Was the bin out by 7am?'),
      area('notes', 'Anything else the crew should know', false, [
        'Bin is kept behind the side gate',
        'Assisted collection from the back door',
      ]),
    ],
    demand: 14,
    caseRate: 0.85,
    webResolves: 0.04,
    located: true,
    priority: 'normal',
    resolutions: [
      'Crew returned and emptied the bin',
      'Bin emptied on the next round',
      'Bin was not presented; resident advised of collection times',
    ],
  },
  {
    name: 'Book a bulky waste collection',
    slug: 'book-a-bulky-waste-collection',
    description:
      'Book a collection of large household items such as furniture, mattresses and white goods. A charge applies.',
    lgsl: 528,
    code: 'bulky-waste',
    group: 'Waste',
    team: 'waste',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['bulky', 'furniture', 'sofa', 'mattress', 'fridge', 'large items'],
    fields: [
      choice('checkboxes', 'items', 'What items need collecting?', [
        'Sofa',
        'Armchair',
        'Mattress',
        'Bed frame',
        'Fridge or freezer',
        'Washing machine',
        'Wardrobe',
        'Table',
        'Carpet',
      ]),
      numberField('item_count', 'How many items in total?', 1, 10),
      choice('select', 'collection_point', 'Where will the items be left?', [
        'Front garden',
        'Driveway',
        'Kerbside',
        'Communal bin store',
      ]),
      area('access_notes', 'Access notes', false, [
        'Please use the side gate',
        'Items are on the driveway behind the car',
      ]),
    ],
    demand: 6,
    caseRate: 0.95,
    webResolves: 0.03,
    located: true,
    priority: 'normal',
    resolutions: ['Items collected', 'Collection completed; fridge taken for recycling'],
  },
  {
    name: 'Request a new or replacement bin',
    slug: 'request-a-new-or-replacement-bin',
    description: 'Order a bin for a new home, or replace one that is lost, stolen or damaged.',
    lgsl: 533,
    code: 'new-bin',
    group: 'Waste',
    team: 'waste',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['bin', 'new bin', 'replacement', 'damaged bin', 'stolen bin', 'recycling box'],
    fields: [
      choice('radios', 'bin_type', 'Which bin do you need?', BIN_TYPES),
      choice('radios', 'reason', 'Why do you need it?', [
        'Lost or stolen',
        'Damaged',
        'New property',
        'Need a larger bin',
      ]),
      numberField('household_size', 'How many people live at the address?', 1, 12, false),
    ],
    demand: 6,
    caseRate: 0.9,
    webResolves: 0.03,
    located: true,
    priority: 'normal',
    resolutions: ['Bin delivered', 'Replacement bin delivered and damaged bin removed'],
  },
  {
    name: 'Report fly-tipping',
    slug: 'report-fly-tipping',
    description: 'Report rubbish dumped illegally on public land. We clear it and investigate who left it.',
    lgsl: 587,
    code: 'fly-tipping',
    group: 'Street scene',
    team: 'waste',
    targetHours: 24,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['fly-tipping', 'fly tipping', 'dumped rubbish', 'dumping', 'waste'],
    fields: [
      choice('checkboxes', 'waste_type', 'What has been dumped?', [
        'Household rubbish',
        'Building rubble',
        'Garden waste',
        'Furniture',
        'Tyres',
        'Electrical items',
        'Asbestos (suspected)',
      ]),
      choice('radios', 'amount', 'How much is there?', [
        'A single bag or item',
        'A car boot load',
        'A small van load',
        'A lorry load or more',
      ]),
      whereIsIt,
      yesNo('witnessed', 'Did you see who left it?'),
    ],
    demand: 5,
    caseRate: 0.9,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: [
      'Waste cleared',
      'Waste cleared; evidence passed to enforcement',
      'On private land; owner told to clear it',
    ],
  },
  {
    name: 'Report litter or a street that needs cleaning',
    slug: 'report-litter',
    description: 'Tell us about litter, broken glass or an overflowing litter bin on a street or open space.',
    lgsl: 580,
    code: 'litter',
    group: 'Street scene',
    team: 'waste',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['litter', 'street cleaning', 'broken glass', 'litter bin', 'sweeping'],
    fields: [
      choice('radios', 'problem', 'What is the problem?', [
        'Litter',
        'Overflowing litter bin',
        'Broken glass',
        'Leaves or debris',
      ]),
      whereIsIt,
    ],
    demand: 3,
    caseRate: 0.85,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: ['Area swept and cleared', 'Litter bin emptied and added to the weekly round'],
  },
  {
    name: 'Report dog fouling',
    slug: 'report-dog-fouling',
    description: 'Report dog mess on pavements, parks and play areas so we can clean it and target patrols.',
    lgsl: 577,
    code: 'dog-fouling',
    group: 'Street scene',
    team: 'waste',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['dog fouling', 'dog mess', 'dog poo', 'dog warden'],
    fields: [
      whereIsIt,
      yesNo('regular_problem', 'Is this a regular problem?'),
      choice(
        'select',
        'time_of_day',
        'When does it usually happen?',
        ['Morning', 'Afternoon', 'Evening', 'Not sure'],
        false,
      ),
    ],
    demand: 2,
    caseRate: 0.8,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: ['Area cleaned', 'Area cleaned and added to dog warden patrols'],
  },
  {
    name: 'Report graffiti',
    slug: 'report-graffiti',
    description: 'Report graffiti on public property. Offensive graffiti is removed within one working day.',
    lgsl: 584,
    code: 'graffiti',
    group: 'Street scene',
    team: 'waste',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['graffiti', 'vandalism', 'tagging', 'spray paint'],
    fields: [
      choice('radios', 'surface', 'Where is the graffiti?', ['Wall', 'Bus shelter', 'Street sign', 'Bridge', 'Other']),
      yesNo('offensive', 'Is it offensive?'),
      whereIsIt,
    ],
    demand: 1,
    caseRate: 0.85,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: ['Graffiti removed', 'On private property; owner contacted'],
  },
  {
    name: 'Report an abandoned vehicle',
    slug: 'report-an-abandoned-vehicle',
    description: 'Report a vehicle that looks abandoned on a road or public land.',
    lgsl: 372,
    code: 'abandoned-vehicle',
    group: 'Street scene',
    team: 'waste',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['abandoned vehicle', 'abandoned car', 'untaxed', 'dumped car'],
    fields: [
      text('registration', 'Registration number', true, ['AV12 ZXR', 'AV63 KLM', 'AV09 PQT', 'AV17 WNB'], 8),
      text('vehicle', 'Make and colour', true, ['Silver hatchback', 'Blue estate car', 'White van', 'Red saloon']),
      numberField('days_parked', 'About how many days has it been there?', 1, 365),
      yesNo('untaxed', 'Is it untaxed?', false),
    ],
    demand: 1.5,
    caseRate: 0.85,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: [
      'Vehicle not abandoned; owner traced',
      'Notice placed and vehicle removed',
      'Passed to DVLA as untaxed',
    ],
  },
  {
    name: 'Pay or ask about your Council Tax',
    slug: 'council-tax',
    description: 'Pay your Council Tax, set up a Direct Debit, or ask about your bill or instalments.',
    lgsl: 57,
    code: 'council-tax',
    group: 'Council tax',
    team: 'revenues',
    targetHours: 40,
    online: true,
    offlineRoute:
      'Phone 01632 960000, pay at any Post Office with your bill, or visit the Civic Centre counter, Market Place, Ashby, Monday to Friday 9am to 5pm.',
    keywords: ['council tax', 'pay', 'bill', 'direct debit', 'instalments', 'arrears'],
    fields: [
      text('account_number', 'Council Tax account number', true, undefined, 10),
      choice('radios', 'enquiry', 'What do you need to do?', [
        'Make a payment',
        'Set up a Direct Debit',
        'Query my bill',
        'Arrange to pay in instalments',
      ]),
      numberField('amount', 'Amount, in pounds', 1, 5000, false),
    ],
    demand: 16,
    caseRate: 0.12,
    webResolves: 0.85,
    located: false,
    priority: 'normal',
    resolutions: ['Bill explained and account updated', 'Instalment plan agreed', 'Direct Debit set up'],
  },
  {
    name: 'Apply for a single person discount',
    slug: 'single-person-discount',
    description: 'Get 25% off your Council Tax if you are the only adult living in your home.',
    lgsl: 59,
    code: 'single-person-discount',
    group: 'Council tax',
    team: 'revenues',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['single person discount', 'discount', 'living alone', '25%', 'council tax'],
    fields: [
      text('account_number', 'Council Tax account number', true, undefined, 10),
      date('living_alone_since', 'Date you started living alone'),
      yesNo('other_adults', 'Does anyone aged 18 or over live with you?'),
      { name: 'email', label: 'Email address for our decision', type: 'email', required: false },
    ],
    demand: 4,
    caseRate: 0.6,
    webResolves: 0.05,
    located: false,
    priority: 'normal',
    resolutions: ['Discount awarded and new bill issued', 'Discount refused: another adult lives at the address'],
  },
  {
    name: 'Apply for Council Tax Reduction',
    slug: 'council-tax-reduction',
    description: 'Help to pay your Council Tax if you are on a low income or claim benefits.',
    lgsl: 63,
    code: 'council-tax-reduction',
    group: 'Benefits',
    team: 'revenues',
    targetHours: 120,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['council tax reduction', 'council tax support', 'low income', 'benefit'],
    fields: [
      text('account_number', 'Council Tax account number', true, undefined, 10),
      numberField('monthly_income', 'Household income each month, in pounds', 0, 20000),
      yesNo('universal_credit', 'Does anyone in your household get Universal Credit?'),
      numberField('dependants', 'How many children live with you?', 0, 10),
      { name: 'phone', label: 'Phone number in case we need to ask anything', type: 'phone', required: false },
    ],
    demand: 5,
    caseRate: 0.6,
    webResolves: 0.05,
    located: false,
    priority: 'normal',
    resolutions: ['Reduction awarded', 'Reduction refused: income above the limit', 'Awarded after evidence received'],
  },
  {
    name: 'Claim Housing Benefit',
    slug: 'housing-benefit',
    description:
      'Help to pay your rent if you are on a low income and over State Pension age, or in supported housing.',
    lgsl: 69,
    code: 'housing-benefit',
    group: 'Benefits',
    team: 'revenues',
    targetHours: 160,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['housing benefit', 'rent', 'benefit', 'low income', 'pension age'],
    fields: [
      date('tenancy_start', 'When did your tenancy start?'),
      numberField('monthly_rent', 'Rent each month, in pounds', 1, 3000),
      choice('radios', 'landlord_type', 'Who is your landlord?', [
        'Private landlord',
        'Housing association',
        'Council',
      ]),
      yesNo('universal_credit', 'Do you get Universal Credit?'),
    ],
    demand: 6,
    caseRate: 0.55,
    webResolves: 0.05,
    located: false,
    priority: 'normal',
    resolutions: [
      'Benefit awarded',
      'Claim refused: Universal Credit covers housing costs',
      'Awarded after evidence received',
    ],
  },
  {
    name: 'Apply to join the housing register',
    slug: 'housing-register',
    description:
      'Apply for council or housing association housing in Ashby Vale through the choice-based lettings scheme.',
    lgsl: 92,
    code: 'housing-register',
    group: 'Housing',
    team: 'housing',
    targetHours: 160,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['housing register', 'council house', 'social housing', 'housing list', 'bidding'],
    fields: [
      numberField('household_size', 'How many people are in your household?', 1, 12),
      choice('select', 'current_housing', 'Where do you live now?', [
        'Private rented',
        'Living with family or friends',
        'Housing association',
        'Owner occupier',
        'No fixed address',
      ]),
      yesNo('medical_needs', 'Does anyone have a medical need affected by their housing?'),
      choice('checkboxes', 'local_connection', 'Your connection to Ashby Vale', [
        'Live in the district',
        'Work in the district',
        'Close family in the district',
      ]),
    ],
    demand: 4,
    caseRate: 0.5,
    webResolves: 0.05,
    located: false,
    priority: 'normal',
    resolutions: [
      'Accepted onto the register in band C',
      'Accepted onto the register in band B',
      'Not eligible: no local connection',
    ],
  },
  {
    name: 'Apply for sheltered housing',
    slug: 'sheltered-housing',
    description: 'Homes for older people with a scheme manager and a community alarm.',
    lgsl: 107,
    code: 'sheltered-housing',
    group: 'Housing',
    team: 'housing',
    targetHours: 160,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['sheltered housing', 'older people', 'retirement housing', 'warden'],
    fields: [
      numberField('applicant_age', 'Your age', 55, 110),
      choice(
        'checkboxes',
        'support_needs',
        'Support you may need',
        ['Help with medication', 'Mobility', 'Memory', 'Community alarm'],
        false,
      ),
      { name: 'current_postcode', label: 'Postcode where you live now', type: 'postcode', required: true },
    ],
    demand: 1,
    caseRate: 0.5,
    webResolves: 0.05,
    located: false,
    priority: 'normal',
    resolutions: ['Offered a flat at Willow Court', 'Added to the sheltered housing waiting list'],
  },
  {
    name: 'Apply for a Disabled Facilities Grant',
    slug: 'disabled-facilities-grant',
    description:
      'A grant for adaptations such as a stairlift or level-access shower. An occupational therapist visits you first, so we take applications by phone or at a home visit.',
    lgsl: 137,
    code: 'disabled-facilities-grant',
    group: 'Housing',
    team: 'housing',
    targetHours: 240,
    online: false,
    offlineRoute:
      'Phone 01632 960000 and ask for the Home Improvement Agency, or visit the Civic Centre counter. We can visit you at home to take the application.',
    keywords: ['disabled facilities grant', 'adaptations', 'stairlift', 'level access shower', 'ramp'],
    fields: [
      choice('checkboxes', 'adaptations', 'Which adaptations are needed?', [
        'Stairlift',
        'Level-access shower',
        'Ramp',
        'Wider doorways',
        'Downstairs toilet',
      ]),
      choice('radios', 'tenure', 'Do you own or rent your home?', [
        'Owner',
        'Private tenant',
        'Housing association tenant',
      ]),
      yesNo('ot_assessed', 'Has an occupational therapist assessed you?'),
    ],
    demand: 0.8,
    caseRate: 0.6,
    webResolves: 0,
    located: false,
    priority: 'normal',
    resolutions: ['Grant approved and works ordered', 'Referred to the county occupational therapy service'],
  },
  {
    name: 'Report a noise nuisance',
    slug: 'report-noise',
    description: 'Report noise from neighbours, businesses or alarms. We may ask you to keep a diary.',
    lgsl: 412,
    code: 'noise',
    group: 'Environmental health',
    team: 'environmental_health',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['noise', 'neighbours', 'music', 'barking dog', 'alarm', 'nuisance'],
    fields: [
      choice('radios', 'noise_type', 'What kind of noise?', [
        'Music',
        'Barking dog',
        'Shouting or banging',
        'Alarm',
        'Construction',
        'Commercial premises',
      ]),
      choice('select', 'when', 'When does it happen?', ['Daytime', 'Evening', 'Night-time', 'At all hours']),
      date('started_on', 'When did it start?'),
      yesNo('diary_kept', 'Have you kept a diary of the noise?'),
    ],
    demand: 4,
    caseRate: 0.6,
    webResolves: 0.04,
    located: true,
    priority: 'normal',
    resolutions: ['Warning letter sent', 'Noise abatement notice served', 'No statutory nuisance found; case closed'],
  },
  {
    name: 'Book pest control',
    slug: 'pest-control',
    description:
      'Book a treatment for rats, mice, wasps and other pests. Treatment is free for people on means-tested benefits.',
    lgsl: 431,
    code: 'pest-control',
    group: 'Environmental health',
    team: 'environmental_health',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['pest control', 'rats', 'mice', 'wasps', 'bedbugs', 'cockroaches'],
    fields: [
      choice('radios', 'pest', 'What is the pest?', ['Rats', 'Mice', 'Wasps', 'Bedbugs', 'Cockroaches', 'Fleas']),
      choice('radios', 'where', 'Where are they?', ['Inside the home', 'Garden', 'Loft', 'Communal area']),
      yesNo('means_tested_benefit', 'Do you get a means-tested benefit?'),
    ],
    demand: 3,
    caseRate: 0.8,
    webResolves: 0.03,
    located: true,
    priority: 'normal',
    resolutions: ['Treatment completed', 'Two visits completed; infestation cleared'],
  },
  {
    name: 'Report a dangerous building or structure',
    slug: 'dangerous-structure',
    description:
      'Tell us straight away about a wall, roof or building that could collapse. Phone us: we send a surveyor the same day.',
    lgsl: 600,
    code: 'dangerous-structure',
    group: 'Planning',
    team: 'planning',
    targetHours: 4,
    online: false,
    offlineRoute:
      'Phone 01632 960000 at any time. Out of hours the call goes to the duty building control surveyor. If someone is in danger, call 999.',
    keywords: ['dangerous structure', 'unsafe building', 'collapse', 'wall', 'building control'],
    fields: [
      choice('radios', 'structure', 'What is unsafe?', [
        'Wall',
        'Roof',
        'Chimney',
        'Scaffolding',
        'Fire-damaged building',
      ]),
      yesNo('immediate_danger', 'Is anyone in immediate danger?'),
      whereIsIt,
    ],
    demand: 0.3,
    caseRate: 0.95,
    webResolves: 0,
    located: true,
    priority: 'urgent',
    resolutions: ['Surveyor attended; area made safe', 'Owner served notice to make safe'],
  },
  {
    name: 'Report an empty or derelict property',
    slug: 'empty-property',
    description: 'Tell us about a home that has been empty for a long time or is falling into disrepair.',
    lgsl: 684,
    code: 'empty-property',
    group: 'Planning',
    team: 'planning',
    targetHours: 80,
    online: true,
    offlineRoute: COUNTER,
    keywords: ['empty property', 'derelict', 'empty home', 'boarded up', 'disrepair'],
    fields: [
      choice('select', 'empty_for', 'How long has it been empty?', [
        'Less than 6 months',
        '6 months to 2 years',
        'More than 2 years',
        'Not sure',
      ]),
      yesNo('secure', 'Is the property secure?'),
      choice(
        'checkboxes',
        'problems',
        'Problems you have seen',
        ['Overgrown garden', 'Broken windows', 'Rubbish', 'Pests', 'Squatters'],
        false,
      ),
    ],
    demand: 0.7,
    caseRate: 0.7,
    webResolves: 0.03,
    located: true,
    priority: 'normal',
    resolutions: ['Owner contacted and works agreed', 'Property secured by the owner'],
  },
  {
    name: 'Report a pothole or road defect',
    slug: 'report-a-pothole',
    description: 'Report potholes, sunken roads and damaged kerbs. Roads are repaired by Ashby County Council.',
    lgsl: 557,
    code: 'pothole',
    group: 'Roads',
    partner: 'county',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTY,
    keywords: ['pothole', 'road', 'road repair', 'kerb', 'highways'],
    fields: [
      choice('radios', 'defect', 'What is the problem?', [
        'Pothole',
        'Cracked or sunken road',
        'Damaged kerb',
        'Worn road markings',
      ]),
      choice('select', 'size', 'How big is it?', [
        'Smaller than a dinner plate',
        'Larger than a dinner plate',
        'Larger than a car tyre',
      ]),
      yesNo('deeper_than_4cm', 'Is it deeper than 4cm?'),
      whereIsIt,
    ],
    demand: 4,
    caseRate: 0.9,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: [
      'Repaired by the county highways team',
      'Inspected: below the intervention level',
      'Added to the resurfacing programme',
    ],
  },
  {
    name: 'Report a blocked drain or flooded road',
    slug: 'report-a-blocked-drain',
    description:
      'Report blocked road gullies, missing drain covers and flooding on the road. Drainage is looked after by Ashby County Council.',
    lgsl: 555,
    code: 'blocked-drain',
    group: 'Roads',
    partner: 'county',
    targetHours: 40,
    online: true,
    offlineRoute: COUNTY,
    keywords: ['drain', 'gully', 'flooding', 'drain cover', 'highways'],
    fields: [
      choice('radios', 'problem', 'What is the problem?', [
        'Blocked gully',
        'Flooding on the road',
        'Missing drain cover',
        'Smell from drain',
      ]),
      yesNo('water_entering_property', 'Is water getting into a property?'),
      whereIsIt,
    ],
    demand: 1.5,
    caseRate: 0.9,
    webResolves: 0.02,
    located: true,
    priority: 'normal',
    resolutions: ['Gully cleared by the county', 'Drain cover replaced', 'Passed to the water company'],
  },
]

/** The form as stored on the service: the field list without the demo's sample answers. */
export function storedForm(service: DemoService): FormField[] {
  return service.fields.map((field) => {
    const { examples: _examples, ...stored } = field
    return stored
  })
}
