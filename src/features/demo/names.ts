// Given and family names for demo residents, in groups that carry a likely home language, so a
// Welsh speaker or a Polish speaker in the demo has a name that fits. All residents are invented.

export type NameGroup = {
  given: readonly string[]
  family: readonly string[]
  /** Share of residents drawn from this group. */
  share: number
  /** [language, weight] pairs for people in this group. */
  languages: readonly (readonly [string, number])[]
}

export const NAME_GROUPS: readonly NameGroup[] = [
  {
    share: 0.76,
    given: [
      'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Henry', 'Leo', 'Alfie', 'Joshua',
      'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph', 'Daniel', 'Samuel', 'Max', 'Lucas', 'Mason', 'Logan', 'Liam', 'Dylan', 'Callum',
      'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophia', 'Grace', 'Lily', 'Freya', 'Ella', 'Mia', 'Charlotte', 'Evie', 'Poppy', 'Jessica',
      'Sophie', 'Ruby', 'Chloe', 'Daisy', 'Alice', 'Florence', 'Millie', 'Phoebe', 'Holly', 'Rosie', 'Hannah', 'Lucy', 'Megan', 'Lauren', 'Katie',
      'Margaret', 'Patricia', 'Susan', 'Linda', 'Barbara', 'Jean', 'Pauline', 'Janet', 'Christine', 'Maureen', 'Brenda', 'Doreen', 'Sheila', 'Valerie',
      'David', 'John', 'Peter', 'Michael', 'Robert', 'Stephen', 'Paul', 'Andrew', 'Mark', 'Richard', 'Keith', 'Brian', 'Colin', 'Derek', 'Graham',
      'Kwame', 'Chidi', 'Ngozi', 'Abena', 'Tunde', 'Marcus', 'Leroy', 'Shanice', 'Aaliyah', 'Siobhan', 'Niamh', 'Ciaran', 'Fiona', 'Hamish', 'Eilidh',
    ],
    family: [
      'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White',
      'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Harris', 'Lewis', 'Patel', 'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'Moore',
      'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Young', 'Allen', 'Mitchell', 'Anderson', 'Bell', 'Kelly', 'Parker', 'Cook', 'Shaw', 'Bailey',
      'Richardson', 'Carter', 'Phillips', 'Adams', 'Marshall', 'Chapman', 'Holmes', 'Fletcher', 'Barker', 'Pearson', 'Hughes', 'Lloyd', 'Mason',
      'Gray', 'Ellis', 'Graham', 'Webb', 'Owen', 'Stevens', 'Fisher', 'Murray', 'Reid', 'Campbell', 'Stewart', 'MacDonald', "O'Brien", 'Murphy',
      'Byrne', 'Quinn', 'Okafor', 'Mensah', 'Adeyemi', 'Campbell-Brown', 'Francis', 'Henry', 'Kaur-Smith',
    ],
    languages: [['en', 1]],
  },
  {
    share: 0.05,
    given: ['Rhys', 'Dafydd', 'Gethin', 'Iwan', 'Osian', 'Cerys', 'Sian', 'Ffion', 'Nia', 'Angharad', 'Gwen', 'Eleri', 'Llinos', 'Huw', 'Bethan'],
    family: ['Jones', 'Williams', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Hughes', 'Lewis', 'Morgan', 'Griffiths', 'Rees', 'Pritchard', 'Parry', 'Llewellyn'],
    languages: [['cy', 0.35], ['en', 0.65]],
  },
  {
    share: 0.05,
    given: ['Jakub', 'Kacper', 'Piotr', 'Tomasz', 'Krzysztof', 'Marek', 'Zofia', 'Katarzyna', 'Agnieszka', 'Magdalena', 'Anna', 'Joanna', 'Ewa', 'Paweł'],
    family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowska', 'Zielińska', 'Szymańska', 'Dąbrowski', 'Mazur', 'Krawczyk'],
    languages: [['pl', 0.6], ['en', 0.4]],
  },
  {
    share: 0.1,
    given: ['Mohammed', 'Ahmed', 'Imran', 'Bilal', 'Hamza', 'Harpreet', 'Gurpreet', 'Jaspreet', 'Amarjit', 'Aisha', 'Fatima', 'Zainab', 'Ayesha', 'Priya', 'Simran', 'Navdeep', 'Arjun', 'Ravi'],
    family: ['Khan', 'Hussain', 'Ali', 'Ahmed', 'Iqbal', 'Akhtar', 'Begum', 'Singh', 'Kaur', 'Sandhu', 'Gill', 'Patel', 'Sharma', 'Mahmood', 'Rahman'],
    languages: [['en', 0.55], ['ur', 0.25], ['pa', 0.2]],
  },
  {
    share: 0.04,
    given: ['Andrei', 'Mihai', 'Ionuț', 'Florin', 'Gabriel', 'Elena', 'Ioana', 'Maria', 'Andreea', 'Cristina', 'Alexandra', 'Bogdan'],
    family: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Rusu', 'Munteanu', 'Constantin'],
    languages: [['ro', 0.6], ['en', 0.4]],
  },
]

export const STREETS: readonly { name: string; town: string; district: number }[] = [
  { name: 'Market Place', town: 'Ashby', district: 1 },
  { name: 'High Street', town: 'Ashby', district: 1 },
  { name: 'Church Lane', town: 'Ashby', district: 1 },
  { name: 'Station Road', town: 'Ashby', district: 1 },
  { name: 'Victoria Road', town: 'Ashby', district: 2 },
  { name: 'Albert Street', town: 'Ashby', district: 2 },
  { name: 'Queensway', town: 'Ashby', district: 2 },
  { name: 'Mill Road', town: 'Ashby', district: 2 },
  { name: 'Orchard Close', town: 'Ashby', district: 2 },
  { name: 'Beech Avenue', town: 'Ashby', district: 3 },
  { name: 'Willow Court', town: 'Ashby', district: 3 },
  { name: 'Meadow Way', town: 'Ashby', district: 3 },
  { name: 'Kingfisher Drive', town: 'Ashby', district: 3 },
  { name: 'Hawthorn Road', town: 'Ashby', district: 3 },
  { name: 'Brookside', town: 'Ashby', district: 4 },
  { name: 'Canal Street', town: 'Ashby', district: 4 },
  { name: 'Foundry Lane', town: 'Ashby', district: 4 },
  { name: 'Railway Terrace', town: 'Ashby', district: 4 },
  { name: 'Cedar Grove', town: 'Ashby', district: 4 },
  { name: 'The Green', town: 'Little Ashby', district: 5 },
  { name: 'School Lane', town: 'Little Ashby', district: 5 },
  { name: 'Manor Farm Close', town: 'Little Ashby', district: 5 },
  { name: 'Vale Road', town: 'Marston Vale', district: 6 },
  { name: 'Chapel Street', town: 'Marston Vale', district: 6 },
  { name: 'Rectory Gardens', town: 'Marston Vale', district: 6 },
  { name: 'Bridge End', town: 'Kingsmere', district: 7 },
  { name: 'Mere Lane', town: 'Kingsmere', district: 7 },
  { name: 'Priory Walk', town: 'Kingsmere', district: 7 },
  { name: 'Hollowell Road', town: 'Hollowell', district: 8 },
  { name: 'Top Street', town: 'Hollowell', district: 8 },
]

export const ACCESSIBILITY_NEEDS: readonly string[] = [
  'Large print letters',
  'British Sign Language interpreter for appointments',
  'Uses a hearing loop at the counter',
  'Easy read documents',
  'Wheelchair user: ground-floor appointments',
  'Uses a screen reader',
  'Prefers phone calls to be slow and clear',
]

export const VULNERABILITY_REASONS: readonly string[] = [
  'Recently bereaved: check before sending reminders',
  'Mental health: allow extra time and avoid enforcement letters',
  'Hearing impairment: use text relay',
  'Lives alone with dementia: speak to the named carer',
  'Domestic abuse: never confirm the address to callers',
  'Care leaver: refer to the housing support officer',
]
