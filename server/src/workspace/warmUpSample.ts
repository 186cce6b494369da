/**
 * Made-up articles the server analyses once at start, before its first document (issue 14): the core's
 * code is compiled and its lazy data loaded on them, so the first real answer runs warm. They exercise
 * what news files hold: a feed header, headlines, a dateline and a byline, boilerplate, quotations
 * attributed before and after, people, places, organizations, acronyms, dates, a second article.
 * Invented text: no real article, no evaluation data.
 */
export const WARM_UP_SAMPLE = [
  'The Harbour Chronicle 2021-03-03 09:15:00',
  '',
  '',
  'Harbour Board Approves New Ferry Terminal After Long Debate',
  '',
  'Sign up for our newsletter to get the latest stories in your inbox.',
  '',
  'By Jane Example and Tom Placeholder',
  '',
  'LISBON — The harbour board of Lisbon approved on Tuesday a new ferry terminal, the mayor, Carlos Moedas, said, ending a debate that began in 2019.',
  '',
  '"This is a good day for the city," Mr. Moedas told reporters from Reuters and the European Commission.',
  '',
  'The project, worth about 40 million euros, will be built by Acme Construction Group (ACG) near the Port of Lisbon, according to a statement from the board.',
  '',
  'Maria Lopez, a spokeswoman for the Ministry of Infrastructure, said the work would start in May. "We expect the first ships by 2023," she said.',
  '',
  'Critics were less sure. “It will cost more than they say,” said Pedro Alves, an economist at the University of Porto. The board did not respond to a request for comment on Wednesday.',
  '',
  'Ms. Lopez added that the government of Portugal and the European Investment Bank had agreed to share the cost. Mr. Alves said he would wait and see.',
  '',
  'Read more about our coverage.',
  '',
  '',
  'City Council Delays Vote on Bus Fares',
  '',
  'March 4, 2021',
  '',
  'PORTO, Portugal (AP) — The city council of Porto postponed on Thursday a vote on higher bus fares until April 12, officials said.',
  '',
  '“We need more time to listen to the riders,” the council president, Ana Ribeiro, told the Associated Press. Opposition leaders from the Socialist Party called the delay a mistake.',
  '',
  'The transport company STCP said fares had not changed since last year. Its chief executive, John Smith, declined to comment.',
  '',
].join('\n');
