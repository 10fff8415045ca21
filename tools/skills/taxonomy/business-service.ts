import type { SkillDef } from './types.ts';

export const SERVICE_AND_LEGAL_SKILLS: readonly SkillDef[] = [
  // Customer service
  {
    name: 'customer service',
    label: 'Customer service',
    category: 'customer-service',
    aliases: ['kundenservice', 'customer care', 'client service', 'kundenbetreuung', 'customer-facing'],
  },
  {
    name: 'customer support',
    label: 'Customer support',
    category: 'customer-service',
    aliases: ['support tickets', 'ticketing', 'customer support operations', 'technical customer support'],
  },
  {
    name: 'zendesk',
    label: 'Zendesk',
    category: 'customer-service',
    aliases: ['freshdesk', 'intercom', 'help scout', 'gorgias'],
  },
  {
    name: 'call center',
    label: 'Call center',
    category: 'customer-service',
    aliases: ['call centre', 'contact center', 'contact centre', 'callcenter', 'inbound calls'],
  },
  {
    name: 'complaint handling',
    label: 'Complaint handling',
    category: 'customer-service',
    aliases: ['complaints management', 'beschwerdemanagement', 'escalation management'],
  },
  {
    name: 'customer experience',
    label: 'Customer experience',
    category: 'customer-service',
    aliases: ['cx', 'nps', 'net promoter score', 'csat'],
  },
  {
    name: 'cash handling',
    label: 'Cash handling',
    category: 'customer-service',
    aliases: ['pos systems', 'point of sale', 'cashier', 'kassieren'],
  },
  // Legal
  {
    name: 'contract law',
    label: 'Contract law',
    category: 'legal',
    aliases: ['contract drafting', 'contract review', 'vertragsrecht', 'commercial contracts'],
  },
  {
    name: 'corporate law',
    label: 'Corporate law',
    category: 'legal',
    aliases: ['gesellschaftsrecht', 'company law', 'corporate governance'],
  },
  {
    name: 'compliance',
    label: 'Compliance',
    category: 'legal',
    aliases: [
      'regulatory compliance',
      'regulatory affairs',
      'compliance management',
      'compliance monitoring',
    ],
  },
  {
    name: 'legal research',
    label: 'Legal research',
    category: 'legal',
    aliases: ['westlaw', 'lexisnexis', 'juris', 'beck-online'],
  },
  {
    name: 'intellectual property',
    label: 'Intellectual property',
    category: 'legal',
    aliases: ['ip law', 'patents', 'patent law', 'trademarks', 'markenrecht'],
  },
  {
    name: 'litigation',
    label: 'Litigation',
    category: 'legal',
    aliases: ['dispute resolution', 'prozessführung', 'e-discovery'],
  },
  {
    name: 'paralegal',
    label: 'Paralegal work',
    category: 'legal',
    aliases: ['legal assistant', 'rechtsanwaltsfachangestellte', 'legal secretary'],
  },
  {
    name: 'bar admission',
    label: 'Bar admission',
    category: 'legal',
    aliases: [
      'bar license',
      'licensed attorney',
      'juris doctor',
      'jd degree',
      'volljurist',
      'zweites staatsexamen',
    ],
  },
];
