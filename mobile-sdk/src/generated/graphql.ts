/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Implement the DateTime<Utc> scalar
   *
   * The input/output is a string in RFC3339 format.
   */
  DateTime: { input: string; output: string; }
  /**
   * ISO 8601 calendar date without timezone.
   * Format: %Y-%m-%d
   *
   * # Examples
   *
   * * `1994-11-13`
   * * `2000-02-24`
   */
  NaiveDate: { input: string; output: string; }
};

export type AcceptCoffeeChatInput = {
  id: Scalars['ID']['input'];
  /** The place of the accepted time in `slots`, from 0. */
  slot: Scalars['Int']['input'];
};

/** What an account request did. */
export type AccountPayload = {
  __typename?: 'AccountPayload';
  /**
   * True: done, or (for requests that email a link) accepted — the link arrives if
   * there is someone to send it to.
   */
  ok: Scalars['Boolean']['output'];
};

export type AnswerSurveyInput = {
  answers: Array<SurveyAnswerInput>;
  /** To change her answers to an anonymous survey: the key her first answer returned. */
  editKey?: InputMaybe<Scalars['String']['input']>;
  surveyId: Scalars['ID']['input'];
};

/** Her answers were recorded. */
export type AnswerSurveyPayload = {
  __typename?: 'AnswerSurveyPayload';
  /**
   * After a first answer to an anonymous survey: the only way to change it. Keep it
   * on her device; Village cannot find her answers again.
   */
  editKey?: Maybe<Scalars['String']['output']>;
  survey: Survey;
};

export type AskForReferralInput = {
  /** Makes a retry of this request ask nothing twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  jobId: Scalars['ID']['input'];
  /** What she tells the poster (at most 2 000 characters); a short ask when left out. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Who a newsletter goes to: confirmed subscribers with any of `interests` (all of them
 * when empty), in `city` when given.
 */
export type AudienceInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  interests?: Array<Interest>;
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <accessToken>`; valid until `accessTokenExpiresAt`. */
  accessToken: Scalars['String']['output'];
  /** When the access token stops working; refresh before then. */
  accessTokenExpiresAt: Scalars['DateTime']['output'];
  /** The signed-in member. */
  member: Member;
  /** Single use: `refreshSession` returns a new one. Keep it in secure storage. */
  refreshToken: Scalars['String']['output'];
};

/** A private calendar feed: subscribe to it in a calendar app. Keep the path secret. */
export type CalendarFeed = {
  __typename?: 'CalendarFeed';
  path: Scalars['String']['output'];
};

/** Where she is in work and family life. */
export type CareerStage =
  | 'BETWEEN_ROLES'
  | 'EXPECTING'
  | 'ON_LEAVE'
  | 'RETURNING'
  | 'SELF_EMPLOYED'
  | 'WORKING';

export type ChangeEmailInput = {
  newEmail: Scalars['String']['input'];
  /** Her current password. */
  password: Scalars['String']['input'];
};

export type ChangePasswordInput = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};

/** A child as the profile shows it; ages are derived from the dates. */
export type Child = {
  __typename?: 'Child';
  /** Age in whole months today; null for a child not yet born. */
  ageMonths?: Maybe<Scalars['Int']['output']>;
  bornMonth?: Maybe<Scalars['Int']['output']>;
  bornYear?: Maybe<Scalars['Int']['output']>;
  /** When a child not yet born is due. */
  dueDate?: Maybe<Scalars['NaiveDate']['output']>;
};

/** The ages of children a resource speaks to. */
export type ChildAge =
  /** Under 1. */
  | 'BABY'
  /** 3 to 5. */
  | 'PRESCHOOL'
  /** 6 to 12. */
  | 'SCHOOL_AGE'
  /** 13 to 17. */
  | 'TEEN'
  /** 1 and 2. */
  | 'TODDLER';

/** A child as she enters it: born in a year and month, or expected on a date. */
export type ChildInput = {
  bornMonth?: InputMaybe<Scalars['Int']['input']>;
  bornYear?: InputMaybe<Scalars['Int']['input']>;
  dueDate?: InputMaybe<Scalars['NaiveDate']['input']>;
};

export type CoffeeChat = {
  __typename?: 'CoffeeChat';
  /** Whether her answer is awaited (accept one time, or decline). */
  awaitingMe: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  note: Scalars['String']['output'];
  onlineUrl?: Maybe<Scalars['String']['output']>;
  place?: Maybe<Scalars['String']['output']>;
  proposedBy: Member;
  /** The times proposed, in order (`acceptCoffeeChat` names one by its place, from 0). */
  slots: Array<CoffeeChatTime>;
  status: CoffeeChatStatus;
  /** The time accepted, once it is. */
  time?: Maybe<CoffeeChatTime>;
  /** The time zone her local times are in. */
  timeZone: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** The other member. */
  with: Member;
};

export type CoffeeChatConnection = {
  __typename?: 'CoffeeChatConnection';
  /** A list of edges. */
  edges: Array<CoffeeChatEdge>;
  /** A list of nodes. */
  nodes: Array<CoffeeChat>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type CoffeeChatEdge = {
  __typename?: 'CoffeeChatEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: CoffeeChat;
};

export type CoffeeChatInput = {
  id: Scalars['ID']['input'];
};

/** Where a coffee chat stands. */
export type CoffeeChatStatus =
  /** One time accepted: it is on. */
  | 'ACCEPTED'
  | 'CANCELLED'
  | 'DECLINED'
  /** Times proposed; the awaited member answers. */
  | 'PROPOSED';

/** A time proposed or fixed, in UTC and in the viewer's time zone. */
export type CoffeeChatTime = {
  __typename?: 'CoffeeChatTime';
  endsAt: Scalars['DateTime']['output'];
  localEnd: Scalars['String']['output'];
  /** The start in her time zone, e.g. "2026-12-03T09:15:00-05:00". */
  localStart: Scalars['String']['output'];
  startsAt: Scalars['DateTime']['output'];
};

export type ConfirmMailingListInput = {
  /** The token of the emailed link. */
  token: Scalars['String']['input'];
};

/** Where the viewer and another member now stand. */
export type ConnectionPayload = {
  __typename?: 'ConnectionPayload';
  member: Member;
  status: ConnectionStatus;
};

/** Where two members stand. */
export type ConnectionStatus =
  | 'CONNECTED'
  | 'NONE'
  /** She asked; waiting for the other. */
  | 'REQUESTED_BY_ME'
  /** The other asked; she can accept. */
  | 'REQUESTED_BY_THEM';

/** A conversation between 2 to 8 members, as she sees it. */
export type Conversation = {
  __typename?: 'Conversation';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastMessageAt: Scalars['DateTime']['output'];
  /** Its members who have not left, her included. */
  members: Array<Member>;
  /** Its messages, oldest first. */
  messages: MessageConnection;
  /** Muted for her until then, if it is. */
  mutedUntil?: Maybe<Scalars['DateTime']['output']>;
  /** Whether she can no longer write in it (a block either way with one of its members). */
  readOnly: Scalars['Boolean']['output'];
  /**
   * Where it stands for her: INBOX, REQUESTED (in her message requests), or DECLINED
   * (in the answer to `declineMessageRequest`).
   */
  standing: Standing;
  /** Who started it (for a message request: who wrote to her). */
  startedBy: Member;
  /** Messages from the others since she last read it. */
  unreadCount: Scalars['Int']['output'];
};


/** A conversation between 2 to 8 members, as she sees it. */
export type ConversationMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  /** A list of edges. */
  edges: Array<ConversationEdge>;
  /** A list of nodes. */
  nodes: Array<Conversation>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Conversation;
};

export type ConversationInput = {
  conversationId: Scalars['ID']['input'];
};

/** One update, with the message as she sees it. */
export type ConversationUpdate = {
  __typename?: 'ConversationUpdate';
  /** The position of `message`, to resume from with `after`. */
  cursor?: Maybe<Scalars['String']['output']>;
  kind: ConversationUpdateKind;
  message?: Maybe<Message>;
};

/** What happened in a conversation. */
export type ConversationUpdateKind =
  | 'MESSAGE_SENT'
  /** Updates were missed (the client fell behind): subscribe again from your last cursor. */
  | 'RESYNC';

export type CreateEventInput = {
  /** Seats; leave out for no limit. */
  capacity?: InputMaybe<Scalars['Int']['input']>;
  childcareCapacity?: InputMaybe<Scalars['Int']['input']>;
  childcareProvided?: Scalars['Boolean']['input'];
  city?: InputMaybe<Scalars['String']['input']>;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  costCents?: Scalars['Int']['input'];
  description?: Scalars['String']['input'];
  endsAt: Scalars['DateTime']['input'];
  groupId: Scalars['ID']['input'];
  kidsWelcome?: Scalars['Boolean']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  onlineUrl?: InputMaybe<Scalars['String']['input']>;
  startsAt: Scalars['DateTime']['input'];
  /** IANA time zone, e.g. America/Toronto. */
  timezone: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

export type CreateGroupInput = {
  /** Members may post threads and replies as "Anonymous member". */
  allowAnonymousPosts?: Scalars['Boolean']['input'];
  /** A retry with the same value returns the group made the first time. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  description?: Scalars['String']['input'];
  joinPolicy?: JoinPolicy;
  /** Asked of everyone who requests to join an APPROVAL group (at most 5). */
  joinQuestions?: Array<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  visibility?: GroupVisibility;
};

export type CreateProgramInput = {
  /** Places (1 to 1 000); more enrolments wait in line. */
  capacity: Scalars['Int']['input'];
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  description?: Scalars['String']['input'];
  /**
   * Offer it in this group (its owners and moderators may); to the whole community
   * (community admins) when left out.
   */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  /** The career stage it is for. */
  lifeStage: CareerStage;
  /** 1 to 20 sessions. */
  sessions: Array<ProgramSessionInput>;
  /** Also the name of its cohort group (at most 80 characters). */
  title: Scalars['String']['input'];
};

export type CreateSurveyInput = {
  /** Nothing will link an answer to who gave it. */
  anonymous?: Scalars['Boolean']['input'];
  audience: SurveyAudienceInput;
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** After it opens, within a year. */
  closesAt: Scalars['DateTime']['input'];
  intro?: Scalars['String']['input'];
  /** 1 to 30. */
  questions: Array<SurveyQuestionInput>;
  title: Scalars['String']['input'];
};

export type CreateThreadInput = {
  /**
   * Post it as "Anonymous member", where the group allows anonymous posts (moderators
   * still see who wrote it). It may mention no one.
   */
  anonymous?: Scalars['Boolean']['input'];
  body: Scalars['String']['input'];
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  groupId: Scalars['ID']['input'];
  /** The sensitive topics it touches. */
  sensitiveTopics?: Array<SensitiveTopic>;
  /** Up to 10 short tags. */
  tags?: Array<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};

export type DeleteAccountInput = {
  /** Her current password. */
  password: Scalars['String']['input'];
};

/** What deleting an account did. */
export type DeleteAccountPayload = {
  __typename?: 'DeleteAccountPayload';
  /** True: the account is gone; this session ended with it. */
  deleted: Scalars['Boolean']['output'];
};

/** A device that receives her pushes: a browser's Web Push subscription or a native app. */
export type Device = {
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** What she calls it, e.g. "Ana's iPhone". */
  name?: Maybe<Scalars['String']['output']>;
  transport: PushTransport;
};

/** How often she wants a digest. */
export type DigestFrequency =
  | 'DAILY'
  | 'NONE'
  | 'WEEKLY';

/** Her digest: how often, at which local hour, and when the next is due. */
export type DigestSettings = {
  __typename?: 'DigestSettings';
  frequency: DigestFrequency;
  hour: Scalars['Int']['output'];
  /** Null when she gets none. */
  nextAt?: Maybe<Scalars['DateTime']['output']>;
};

export type DismissSuggestionInput = {
  memberId: Scalars['ID']['input'];
};

/** Changes to her open job; what is left out stays. */
export type EditJobInput = {
  canRefer?: InputMaybe<Scalars['Boolean']['input']>;
  company?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  employment?: InputMaybe<Employment>;
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  flexibility?: InputMaybe<Array<Flexibility>>;
  industry?: InputMaybe<Scalars['String']['input']>;
  jobId: Scalars['ID']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
  workplace?: InputMaybe<Workplace>;
};

export type EditReplyInput = {
  body: Scalars['String']['input'];
  replyId: Scalars['ID']['input'];
};

/**
 * Changes to a resource; what is left out stays. A new body replaces the link, a new
 * link the body.
 */
export type EditResourceInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  childAges?: InputMaybe<Array<ChildAge>>;
  kind?: InputMaybe<ResourceKind>;
  lifeStages?: InputMaybe<Array<CareerStage>>;
  resourceId: Scalars['ID']['input'];
  summary?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  topics?: InputMaybe<Array<Scalars['String']['input']>>;
  url?: InputMaybe<Scalars['String']['input']>;
};

/** How the job is held. */
export type Employment =
  | 'CONTRACT'
  | 'FREELANCE'
  | 'FULL_TIME'
  | 'PART_TIME';

export type EnrollInProgramInput = {
  /** A key of the client's: the same enrolment sent again with it is not applied twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  programId: Scalars['ID']['input'];
};

/** Where a member's enrolment stands. */
export type EnrollmentStatus =
  /** She has a place: she is in the cohort and answered GOING to its sessions. */
  | 'ENROLLED'
  | 'LEFT'
  /** Its organisers took her place (or place in line) away: she may not enrol again. */
  | 'REMOVED'
  /** The program is full; she moves up in arrival order when someone leaves. */
  | 'WAITLISTED';

/** Something happening: a coffee meetup or a 60-seat conference. */
export type Event = {
  __typename?: 'Event';
  /** Who is going, in the order they answered. */
  attendees: MemberConnection;
  cancelled: Scalars['Boolean']['output'];
  cancelledAt?: Maybe<Scalars['DateTime']['output']>;
  /** Seats in all; null when there is no limit. */
  capacity?: Maybe<Scalars['Int']['output']>;
  childcareCapacity?: Maybe<Scalars['Int']['output']>;
  childcarePlacesLeft?: Maybe<Scalars['Int']['output']>;
  childcareProvided: Scalars['Boolean']['output'];
  city?: Maybe<Scalars['String']['output']>;
  costCents: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  endsAt: Scalars['DateTime']['output'];
  goingCount: Scalars['Int']['output'];
  group: Group;
  /** Download link for this event in iCalendar format. */
  icsPath: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  isOnline: Scalars['Boolean']['output'];
  kidsWelcome: Scalars['Boolean']['output'];
  location?: Maybe<Scalars['String']['output']>;
  /** The link to join online: only for members who are going, and the organiser. */
  onlineUrl?: Maybe<Scalars['String']['output']>;
  organiser: Member;
  seatsLeft?: Maybe<Scalars['Int']['output']>;
  /** Start, in UTC; show it in `timezone`. */
  startsAt: Scalars['DateTime']['output'];
  /** The IANA time zone the event happens in. */
  timezone: Scalars['String']['output'];
  title: Scalars['String']['output'];
  viewerRsvp?: Maybe<Rsvp>;
  waitlistCount: Scalars['Int']['output'];
};


/** Something happening: a coffee meetup or a 60-seat conference. */
export type EventAttendeesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type EventConnection = {
  __typename?: 'EventConnection';
  /** A list of edges. */
  edges: Array<EventEdge>;
  /** A list of nodes. */
  nodes: Array<Event>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type EventEdge = {
  __typename?: 'EventEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Event;
};

export type EventRefInput = {
  eventId: Scalars['ID']['input'];
};

/** Which events to list. */
export type EventsFilter = {
  childcareProvided?: InputMaybe<Scalars['Boolean']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  /** Events still running at or after this time. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  groupId?: InputMaybe<Scalars['ID']['input']>;
  kidsWelcome?: InputMaybe<Scalars['Boolean']['input']>;
  /** Events starting before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Who sees one of her fields. */
export type FieldVisibility = {
  __typename?: 'FieldVisibility';
  field: ProfileField;
  visibility: Visibility;
};

/** Who sees one field. */
export type FieldVisibilityInput = {
  field: ProfileField;
  visibility: Visibility;
};

/** What makes the job work for a parent. */
export type Flexibility =
  | 'FLEXIBLE_HOURS'
  | 'JOB_SHARE'
  | 'PARENTAL_LEAVE_POLICY'
  | 'PART_TIME_OK'
  /** A programme for people coming back after a career break. */
  | 'RETURNSHIP';

export type Group = {
  __typename?: 'Group';
  /**
   * Members may post threads and replies as "Anonymous member": everyone but the
   * author, the group's owners and moderators, and community admins sees no author.
   */
  allowAnonymousPosts: Scalars['Boolean']['output'];
  /**
   * The member count rounded down to a step of 0, 10, 25, 50, 100, 250, 500, 1 000,
   * 2 500, … (0: fewer than ten): what anyone may know of a group's size.
   */
  approximateMemberCount: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  joinPolicy: JoinPolicy;
  /** Questions a member answers when asking to join. */
  joinQuestions: Array<Scalars['String']['output']>;
  /** Pending requests to join, oldest first. Moderators only. */
  joinRequests: JoinRequestConnection;
  /**
   * How many members it has: for members, and for everyone in a public group; null to
   * outsiders of a private group, who see `approximateMemberCount`.
   */
  memberCount?: Maybe<Scalars['Int']['output']>;
  /**
   * Members, in joining order. Null, with a `NOT_FOUND` error, for non-members of a
   * private group (the rest of the group still answers).
   */
  members?: Maybe<GroupMemberConnection>;
  name: Scalars['String']['output'];
  /**
   * Threads the moderators pinned (at most 20), most recently active first. Null, with
   * a `NOT_FOUND` error, for non-members of a private group.
   */
  pinnedThreads?: Maybe<Array<Thread>>;
  /**
   * Threads, most recently active (or started) first; pinned ones are also listed
   * in `pinnedThreads`. Null, with a `NOT_FOUND` error, for non-members of a private group.
   */
  threads?: Maybe<ThreadConnection>;
  /** Her pending request to join, if she filed one. */
  viewerJoinRequest?: Maybe<JoinRequest>;
  /** The viewer's role here; null when she is not a member. */
  viewerRole?: Maybe<GroupRole>;
  visibility: GroupVisibility;
};


export type GroupJoinRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type GroupMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type GroupThreadsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: ThreadOrder;
};

/** One happening, with what it is about as the viewer sees it. */
export type GroupActivity = {
  __typename?: 'GroupActivity';
  event?: Maybe<Event>;
  joinRequest?: Maybe<JoinRequest>;
  kind: GroupActivityKind;
  member?: Maybe<Member>;
  thread?: Maybe<Thread>;
};

/** What happened in a group. */
export type GroupActivityKind =
  | 'EVENT_CANCELLED'
  | 'EVENT_CREATED'
  | 'EVENT_UPDATED'
  /** Moderators only. */
  | 'JOIN_REQUESTED'
  | 'MEMBER_JOINED'
  /** Updates were missed: re-read the group. */
  | 'RESYNC'
  | 'THREAD_CREATED';

export type GroupConnection = {
  __typename?: 'GroupConnection';
  /** A list of edges. */
  edges: Array<GroupEdge>;
  /** A list of nodes. */
  nodes: Array<Group>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type GroupEdge = {
  __typename?: 'GroupEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Group;
};

/** Filters for the group directory. */
export type GroupFilter = {
  /** Words in the name or description. */
  search?: InputMaybe<Scalars['String']['input']>;
};

export type GroupMember = {
  __typename?: 'GroupMember';
  joinedAt: Scalars['DateTime']['output'];
  member: Member;
  role: GroupRole;
};

export type GroupMemberConnection = {
  __typename?: 'GroupMemberConnection';
  /** A list of edges. */
  edges: Array<GroupMemberEdge>;
  /** A list of nodes. */
  nodes: Array<GroupMember>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type GroupMemberEdge = {
  __typename?: 'GroupMemberEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: GroupMember;
};

export type GroupMemberInput = {
  groupId: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
};

export type GroupRefInput = {
  groupId: Scalars['ID']['input'];
};

/** A member's role in a group. */
export type GroupRole =
  | 'MEMBER'
  | 'MODERATOR'
  | 'OWNER';

/** Who can see a group's content. */
export type GroupVisibility =
  /** Name and description are visible so people can ask to join; the rest is for members. */
  | 'PRIVATE'
  /** Every signed-in member can read it; members post. */
  | 'PUBLIC';

/** What a subscriber wants to hear about. */
export type Interest =
  | 'EVENTS'
  | 'NEWS'
  | 'PROGRAMS';

/** What to look for on the board; every part optional, all must match. */
export type JobFilterInput = {
  canRefer?: InputMaybe<Scalars['Boolean']['input']>;
  /** A place the location mentions. */
  city?: InputMaybe<Scalars['String']['input']>;
  employment?: InputMaybe<Employment>;
  /** Jobs offering every one of these. */
  flexibility?: Array<Flexibility>;
  groupId?: InputMaybe<Scalars['ID']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  /** Words in the title, company or description. */
  text?: InputMaybe<Scalars['String']['input']>;
  workplace?: InputMaybe<Workplace>;
};

export type JobInput = {
  jobId: Scalars['ID']['input'];
};

/** A job a member shared. */
export type JobPost = {
  __typename?: 'JobPost';
  /** Whether the poster offers to refer members (`askForReferral`). */
  canRefer: Scalars['Boolean']['output'];
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  company: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  employment: Employment;
  /** When it closes by itself. */
  expiresAt: Scalars['DateTime']['output'];
  flexibility: Array<Flexibility>;
  /** The group it was shared in (only its members see it); null when community-wide. */
  group?: Maybe<Group>;
  id: Scalars['ID']['output'];
  industry?: Maybe<Scalars['String']['output']>;
  /** Where it is, as the poster wrote it ("Toronto, ON"). */
  location: Scalars['String']['output'];
  postedBy: Member;
  /** Whether she saved it. */
  saved: Scalars['Boolean']['output'];
  status: JobStatus;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Where to read more or apply. */
  url?: Maybe<Scalars['String']['output']>;
  workplace: Workplace;
};

export type JobPostConnection = {
  __typename?: 'JobPostConnection';
  /** A list of edges. */
  edges: Array<JobPostEdge>;
  /** A list of nodes. */
  nodes: Array<JobPost>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type JobPostEdge = {
  __typename?: 'JobPostEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: JobPost;
};

/** Whether a job still takes applications. */
export type JobStatus =
  /** Closed by its poster, or expired. */
  | 'CLOSED'
  | 'OPEN';

export type JoinGroupInput = {
  /** Answers to the group's join questions, in order (APPROVAL groups; at most 5). */
  answers?: Array<Scalars['String']['input']>;
  groupId: Scalars['ID']['input'];
};

/** The result of `joinGroup`: she is in, or her request waits for a moderator. */
export type JoinGroupPayload = {
  __typename?: 'JoinGroupPayload';
  group: Group;
  joinRequest?: Maybe<JoinRequest>;
  joined: Scalars['Boolean']['output'];
};

export type JoinMailingListInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  interests?: Array<Interest>;
};

/** How one becomes a member. */
export type JoinPolicy =
  /** Joining files a request that a moderator answers. */
  | 'APPROVAL'
  /** Only invited members can join. */
  | 'INVITE_ONLY'
  /** Joining is immediate. */
  | 'OPEN';

export type JoinRequest = {
  __typename?: 'JoinRequest';
  /**
   * Her answers, in the order of the group's questions; none when she and the viewer
   * blocked each other either way (another moderator decides).
   */
  answers: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  member: Member;
  status: JoinRequestStatus;
};

export type JoinRequestConnection = {
  __typename?: 'JoinRequestConnection';
  /** A list of edges. */
  edges: Array<JoinRequestEdge>;
  /** A list of nodes. */
  nodes: Array<JoinRequest>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type JoinRequestEdge = {
  __typename?: 'JoinRequestEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: JoinRequest;
};

export type JoinRequestRefInput = {
  requestId: Scalars['ID']['input'];
};

/** Where a request to join stands. */
export type JoinRequestStatus =
  | 'APPROVED'
  | 'DECLINED'
  | 'PENDING';

export type LeaveConversationPayload = {
  __typename?: 'LeaveConversationPayload';
  conversationId: Scalars['ID']['output'];
};

/** A one-time link's token, from the email (the app opens the link and sends it here). */
export type LinkTokenInput = {
  token: Scalars['String']['input'];
};

export type LockThreadInput = {
  locked?: Scalars['Boolean']['input'];
  threadId: Scalars['ID']['input'];
};

/** What a moderator or an admin did. */
export type LogAction =
  /** An owner let the group's members post anonymously. */
  | 'ALLOW_ANONYMOUS_POSTS'
  | 'CANCEL_EVENT'
  | 'CHANGE_ROLE'
  /** An owner stopped anonymous posting in the group (posts made so far stay anonymous). */
  | 'DISALLOW_ANONYMOUS_POSTS'
  /** Reports on something were dismissed: nothing to act on. */
  | 'DISMISS_REPORTS'
  | 'LOCK_THREAD'
  /** A member was stopped from posting in a group until a time. */
  | 'MUTE_IN_GROUP'
  | 'PIN_THREAD'
  | 'REMOVE_FROM_GROUP'
  | 'REMOVE_MESSAGE'
  | 'REMOVE_REPLY'
  | 'REMOVE_THREAD'
  /**
   * A moderator changed the sensitive topics of someone else's thread (the note
   * lists them).
   */
  | 'SET_THREAD_TOPICS'
  /** A member was suspended from the community until a time. */
  | 'SUSPEND'
  | 'UNLOCK_THREAD'
  | 'UNPIN_THREAD'
  /** A member was warned, with the moderator's words (the note). */
  | 'WARN';

/** One act of a moderator or a community admin, as the moderation log keeps it. */
export type LogEntry = {
  __typename?: 'LogEntry';
  action: LogAction;
  /** Who acted; null once her account is gone. */
  actor?: Maybe<Member>;
  createdAt: Scalars['DateTime']['output'];
  groupId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  /** Why, in the moderator's words. */
  note: Scalars['String']['output'];
  /** The member it was about; null once her account is gone. */
  subject?: Maybe<Member>;
  targetId?: Maybe<Scalars['ID']['output']>;
  targetKind?: Maybe<TargetKind>;
  /** Until when a mute or a suspension holds. */
  until?: Maybe<Scalars['DateTime']['output']>;
};

export type LogEntryConnection = {
  __typename?: 'LogEntryConnection';
  /** A list of edges. */
  edges: Array<LogEntryEdge>;
  /** A list of nodes. */
  nodes: Array<LogEntry>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type LogEntryEdge = {
  __typename?: 'LogEntryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: LogEntry;
};

/** What a mailing-list request did. */
export type MailingListPayload = {
  __typename?: 'MailingListPayload';
  /** True: done, or (for a subscription) accepted — a confirmation arrives if one is due. */
  ok: Scalars['Boolean']['output'];
};

export type MarkConversationReadInput = {
  conversationId: Scalars['ID']['input'];
  /** The last message she has read; the conversation's latest when left out. */
  upTo?: InputMaybe<Scalars['ID']['input']>;
};

/** Which notifications to mark read: some (`ids`) or all of them. */
export type MarkNotificationsReadInput = {
  all?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1 to 100 of her notifications. */
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type MarkNotificationsReadPayload = {
  __typename?: 'MarkNotificationsReadPayload';
  /** How many were unread and are now read. */
  marked: Scalars['Int']['output'];
  unreadCount: Scalars['Int']['output'];
};

/** A member of the community. Personal fields hidden from the viewer are null. */
export type Member = {
  __typename?: 'Member';
  avatarUrl?: Maybe<Scalars['String']['output']>;
  bio?: Maybe<Scalars['String']['output']>;
  careerStage?: Maybe<CareerStage>;
  /** Her children, with ages derived from birth month or due date. */
  children?: Maybe<Array<Child>>;
  city?: Maybe<Scalars['String']['output']>;
  /** Where the viewer and she stand. */
  connectionStatus: ConnectionStatus;
  /** When she joined. */
  createdAt: Scalars['DateTime']['output'];
  /** The name shown next to her posts. */
  displayName: Scalars['String']['output'];
  /** Her sign-in email: shown to herself only, null to everyone else. */
  email?: Maybe<Scalars['String']['output']>;
  /**
   * Whether she confirmed her email address (until then she can read but not post,
   * message or RSVP): shown to herself only, null to everyone else.
   */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Who sees each of her fields: shown to herself only. */
  fieldVisibility: Array<FieldVisibility>;
  /** Her @handle for mentions, once she chose one. */
  handle?: Maybe<Scalars['String']['output']>;
  /** e.g. "Product manager, returning from leave". */
  headline?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  industry?: Maybe<Scalars['String']['output']>;
  interests?: Maybe<Array<Scalars['String']['output']>>;
  neighbourhood?: Maybe<Scalars['String']['output']>;
  openTo?: Maybe<Array<OpenTo>>;
  returnToWorkDate?: Maybe<Scalars['NaiveDate']['output']>;
  /** Her IANA time zone. */
  timezone?: Maybe<Scalars['String']['output']>;
};

export type MemberConnection = {
  __typename?: 'MemberConnection';
  /** A list of edges. */
  edges: Array<MemberEdge>;
  /** A list of nodes. */
  nodes: Array<Member>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type MemberEdge = {
  __typename?: 'MemberEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Member;
};

/** Filters for the member directory. */
export type MemberFilter = {
  careerStage?: InputMaybe<CareerStage>;
  /** …and at most this many years old. */
  childMaxAgeYears?: InputMaybe<Scalars['Int']['input']>;
  /** Members with a child at least this many years old… */
  childMinAgeYears?: InputMaybe<Scalars['Int']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  openTo?: InputMaybe<OpenTo>;
  /** Words in the name or headline. */
  search?: InputMaybe<Scalars['String']['input']>;
};

export type MemberRefInput = {
  memberId: Scalars['ID']['input'];
};

/** One message. */
export type Message = {
  __typename?: 'Message';
  author: Member;
  body: Scalars['String']['output'];
  conversationId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The job it asks a referral for, if it does (open it with `job(id)`). */
  jobId?: Maybe<Scalars['ID']['output']>;
  /** A community admin removed its words (the body is empty) after it was reported. */
  removedByModerator: Scalars['Boolean']['output'];
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  /** A list of edges. */
  edges: Array<MessageEdge>;
  /** A list of nodes. */
  nodes: Array<Message>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type MessageEdge = {
  __typename?: 'MessageEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Message;
};

/** What a moderator does about a reported thing. */
export type ModerationAction =
  /** Nothing to act on: the reports close. */
  | 'DISMISS'
  /** Its author may not post in the group until `until`. */
  | 'MUTE_IN_GROUP'
  /**
   * The reply, thread or message loses its words ("removed by a moderator"); an event
   * is cancelled.
   */
  | 'REMOVE_CONTENT'
  /** Its author leaves the group. */
  | 'REMOVE_FROM_GROUP'
  /**
   * Community admins only: its author (or the member reported) is signed out
   * everywhere and may not sign in until `until`.
   */
  | 'SUSPEND'
  /**
   * Its author (or the member reported) is told, in the app and by push, with the
   * moderator's words (`note`, required); the moderator is not named.
   */
  | 'WARN';

/** What part of the queue to show. */
export type ModerationQueueFilter = {
  /** One group she moderates. */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  /** Only reports of this reason (and only they are counted). */
  reason?: InputMaybe<ReportReason>;
  /** `OPEN` when left out. */
  status?: InputMaybe<ReportStatus>;
};

/** Every mutation, one part per feature. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts one of the proposed times: the chat is on. */
  acceptCoffeeChat: CoffeeChat;
  /** Accepts a member's request to connect. */
  acceptConnection: ConnectionPayload;
  /** Moves a message request to her inbox. */
  acceptMessageRequest: Conversation;
  /** Records her answers, or changes them while it is open. */
  answerSurvey: AnswerSurveyPayload;
  /** Lets a member in. Moderators only. */
  approveJoinRequest: JoinRequest;
  /**
   * Asks the poster of an open job that offers referrals for one: a direct message
   * with the job linked, in her inbox. Answers the message.
   */
  askForReferral: Message;
  /**
   * Blocks a member: her content disappears for the viewer, any connection ends, and
   * neither can reply to or mention the other. Returns the blocked member.
   */
  blockMember: Member;
  /** Bookmarks a resource she may see. */
  bookmarkResource: Resource;
  /** Cancels a chat proposed or on; the other member is told. */
  cancelCoffeeChat: CoffeeChat;
  /** Cancels an event. Organisers only. */
  cancelEvent: Event;
  /**
   * Asks to move her account to a new email address, given her password: the new
   * address gets a link to confirm it; the old one stays until then.
   */
  changeEmail: AccountPayload;
  /** Changes her password, given the current one; her other devices sign in again. */
  changePassword: SignOutPayload;
  /** Closes her job: it leaves the board (those who saved it still see it, closed). */
  closeJob: JobPost;
  /** Moves her account to the new address with the link's token sent there. */
  confirmEmailChange: AccountPayload;
  /** Confirms a subscription with the emailed link's token. */
  confirmMailingList: MailingListPayload;
  /** Makes (or replaces) the viewer's private calendar feed of the events she is going to. */
  createCalendarFeed: CalendarFeed;
  /** Creates an event in a group the viewer moderates. */
  createEvent: Event;
  /** Creates a group; the viewer becomes its owner. */
  createGroup: Group;
  /**
   * Creates a program with its sessions and its private cohort group; community
   * admins anywhere, a group's owners and moderators in their group.
   */
  createProgram: Program;
  /**
   * Creates a survey: community admins for any audience, a group's owners and
   * moderators for its members, its events' attendees and its programs' cohorts.
   */
  createSurvey: Survey;
  /** Starts a thread in a group the viewer belongs to. */
  createThread: Thread;
  /** Declines a proposed chat; the other member is told. */
  declineCoffeeChat: CoffeeChat;
  /** Turns a request down. Moderators only. */
  declineJoinRequest: JoinRequest;
  /** Hides a message request; its sender is not told. */
  declineMessageRequest: Conversation;
  /**
   * Deletes her account for good, given her password: her profile, connections,
   * messages she sent, devices and everything else of hers go; her threads and replies
   * stay as placeholders by "Deleted member" with their words removed; her seats go to
   * the waitlists. Her address may sign up again. A confirmation email follows.
   */
  deleteAccount: DeleteAccountPayload;
  /** Deletes her own reply, or any reply for a moderator. The thread stays readable. */
  deleteReply: Reply;
  /** She does not want this member suggested again. */
  dismissSuggestion: Scalars['Boolean']['output'];
  /** Changes her open job (edits count toward her job-post pace). */
  editJob: JobPost;
  /** Changes the text of her own reply. */
  editReply: Reply;
  /** Changes a resource: those who may publish where it is. */
  editResource: Resource;
  /**
   * Enrols her: a place (she joins the cohort and goes to its sessions ahead) or,
   * when it is full, the waitlist.
   */
  enrollInProgram: Program;
  /** Follows a thread: its activity will notify her. */
  followThread: Thread;
  /** Invites a member, who may then join whatever the policy. Moderators only. */
  inviteToGroup: Group;
  /** Joins a group, or asks to. */
  joinGroup: JoinGroupPayload;
  /** Puts her on the mailing list with her confirmed address, at once. */
  joinMailingList: MailingListPayload;
  /** Leaves a conversation: gone from her lists, and she writes no more in it. */
  leaveConversation: LeaveConversationPayload;
  /** Leaves a group. */
  leaveGroup: Group;
  /**
   * Gives up her place (out of the cohort and its sessions; the first in line takes
   * it) or her place in line.
   */
  leaveProgram: Program;
  /** Locks (or unlocks) a thread: no new replies. Moderators only. */
  lockThread: Thread;
  /**
   * She has read the conversation up to a message (its latest when `upTo` is left
   * out, and then her notifications of it are read too). Never moves back.
   */
  markConversationRead: Conversation;
  /** Marks some of her notifications, or all of them, read. */
  markNotificationsRead: MarkNotificationsReadPayload;
  /** Mutes a conversation for her. */
  muteConversation: Conversation;
  /**
   * Stops notifications from a group's threads and events (mentions still come), for
   * good or until `until`.
   */
  muteGroup: MutePayload;
  /**
   * Stops notifications from a thread (mentions of her still come), for good or
   * until `until`.
   */
  muteThread: MutePayload;
  /** Pins (or unpins) a thread to the top of its group. Moderators only. */
  pinThread: Thread;
  /** Posts a job, community-wide or in one of her groups. */
  postJob: JobPost;
  /** Replies to a thread, or to a top-level reply in it. */
  postReply: Reply;
  /** Proposes a coffee chat to a member open to them (`FORBIDDEN` for others). */
  proposeCoffeeChat: CoffeeChat;
  /**
   * Publishes a resource: community-wide for community admins, in a group for its
   * owners and moderators.
   */
  publishResource: Resource;
  /** Adds a reaction, or takes it back. */
  react: ReactPayload;
  /** Trades a refresh token for new tokens. Each refresh token works once. */
  refreshSession: AuthPayload;
  /**
   * Registers the native app on this phone for pushes (FCM or APNs); registering the
   * same token again updates it. The registration belongs to this session: pushes
   * stop when it ends, and signing out with `removePushDevices` removes it. A token
   * another member registered from a session still live is not moved: `CONFLICT` on
   * `token` (she signs out there first).
   */
  registerDevice: NativeDevice;
  /**
   * Registers this device for pushes; registering the same endpoint again updates it.
   * An endpoint another member registered moves to her only with the same `auth`
   * secret (the same device, signed in anew); otherwise `CONFLICT` on `endpoint`.
   */
  registerPushSubscription: PushSubscription;
  /** Ends a connection, or withdraws or declines a request. */
  removeConnection: ConnectionPayload;
  /** Stops pushes to one of her devices, of any transport. */
  removeDevice: RemoveDevicePayload;
  /**
   * Takes a member's place (or place in line) away; the cohort's owners and
   * moderators, and community admins. Logged.
   */
  removeFromProgram: Program;
  /** Removes a member; she loses access at once. Moderators only. */
  removeMember: Group;
  /** Stops pushes to one of her devices (the same as `removeDevice`). */
  removePushSubscription: RemovePushSubscriptionPayload;
  /**
   * Reports something she can see (not her own) to those who moderate it: the
   * group's moderators, or community admins for members and messages. The member
   * reported is never told who reported her. One open report per thing. A thread or
   * reply reported by `--reports-to-hold` members is hidden from all but its author
   * and the group's moderators, who are told, until one of them resolves it.
   */
  report: Report;
  /** Asks a member to connect (accepts, if she already asked). */
  requestConnection: ConnectionPayload;
  /**
   * Asks for everything Village holds about her, as JSON: a link follows by email
   * (`GET /exports/{token}` with her access token, for 24 hours). 3 a day.
   */
  requestDataExport: RequestDataExportPayload;
  /**
   * Emails a link to choose a new password, if the address is a member's; the answer
   * is the same either way.
   */
  requestPasswordReset: AccountPayload;
  /** Proposes new times for a chat proposed or on; the other member answers again. */
  rescheduleCoffeeChat: CoffeeChat;
  /** Sends another link to confirm her email address (a few an hour). */
  resendVerification: AccountPayload;
  /** Sets a new password with the emailed link's token; every device signs in again. */
  resetPassword: AccountPayload;
  /**
   * Acts on a report, for the group's moderators or community admins, and closes every
   * open report on the same thing. Answers the report as it now stands.
   */
  resolveReport: Report;
  /** Closes a suggestion as taken up or not. Community admins only. */
  reviewResourceSuggestion: ResourceSuggestion;
  /** Answers an event: GOING (a seat, or the waitlist when full) or NOT_GOING. */
  rsvp: Event;
  /** Saves a job she may see, for later. */
  saveJob: JobPost;
  /**
   * Writes in one of her conversations (not a request she has not accepted, nor one
   * a block made read-only: `FORBIDDEN`).
   */
  sendMessage: Message;
  /**
   * Sends a newsletter to the confirmed subscribers of an audience, through the
   * queue at a steady pace, each once (community admins only).
   */
  sendNewsletter: SendNewsletterPayload;
  /**
   * Lets members post anonymously, or stops it (what was posted anonymously stays
   * so). Owners only; the moderation log keeps the change.
   */
  setAnonymousPosts: Group;
  /**
   * Asks for an email digest — the busiest threads in her groups, unread mentions,
   * upcoming events — daily or weekly (Mondays) at her local hour, or none.
   */
  setDigest: DigestSettings;
  /** Changes a member's role. Owners only. */
  setMemberRole: Group;
  /** Whether a message's text shows in its push (off: "New message from Ana"). */
  setMessagePreviews: Scalars['Boolean']['output'];
  /** Whether members she is not connected with may write to her. */
  setMessageRequests: Scalars['Boolean']['output'];
  /** Chooses where one kind of notification reaches her; returns all her preferences. */
  setNotificationPreference: Array<NotificationPreference>;
  /** Sets her quiet hours, replacing any she had. */
  setQuietHours: QuietHours;
  /**
   * Chooses the sensitive topics she shields herself from: threads touching one leave
   * her feed and group activity, show collapsed in group lists ("Sensitive topic: …",
   * body hidden until she opens one), and are named in no push or email to her.
   */
  setShieldedTopics: Array<SensitiveTopic>;
  /** Sets the sensitive topics a thread touches: its author or the group's moderators. */
  setThreadSensitiveTopics: Thread;
  /** Signs in on this device. */
  signIn: AuthPayload;
  /** Signs this device out. */
  signOut: SignOutPayload;
  /** Signs the member out on every device. */
  signOutEverywhere: SignOutPayload;
  /** Creates an account and signs in on this device. */
  signUp: AuthPayload;
  /**
   * Writes to 1 to 7 members: a connection finds it in her inbox, anyone else in her
   * message requests (`FORBIDDEN` if she takes none from non-connections); a block
   * either way reads as no such member. With one member she already has a
   * conversation with, the message goes there. Answers the message.
   */
  startConversation: Message;
  /**
   * Subscribes an address to the mailing list (no account needed): a link to confirm
   * it is emailed; nothing else is sent until it is followed. The same answer for any
   * address.
   */
  subscribeToMailingList: MailingListPayload;
  /** Suggests a link for the library; community admins review it (10 a day). */
  suggestResource: ResourceSuggestion;
  /** Lifts a block. Returns the member. */
  unblockMember: Member;
  /** Forgets a bookmark, even of a resource she may no longer see (then null). */
  unbookmarkResource?: Maybe<Resource>;
  /** Stops following a thread. */
  unfollowThread: Thread;
  unmuteGroup: MutePayload;
  unmuteThread: MutePayload;
  /**
   * Takes a resource out of the library (bookmarks of it go quiet): those who may
   * publish where it is. Answers its id.
   */
  unpublishResource: Scalars['ID']['output'];
  /** Forgets a job she saved. */
  unsaveJob: JobPost;
  /** Changes an event. Organisers only. */
  updateEvent: Event;
  /** Updates the viewer's profile and who sees each field. */
  updateProfile: Member;
  /** Confirms her email address with the emailed link's token (signed in or not). */
  verifyEmail: AccountPayload;
};


/** Every mutation, one part per feature. */
export type MutationAcceptCoffeeChatArgs = {
  input: AcceptCoffeeChatInput;
};


/** Every mutation, one part per feature. */
export type MutationAcceptConnectionArgs = {
  input: MemberRefInput;
};


/** Every mutation, one part per feature. */
export type MutationAcceptMessageRequestArgs = {
  input: ConversationInput;
};


/** Every mutation, one part per feature. */
export type MutationAnswerSurveyArgs = {
  input: AnswerSurveyInput;
};


/** Every mutation, one part per feature. */
export type MutationApproveJoinRequestArgs = {
  input: JoinRequestRefInput;
};


/** Every mutation, one part per feature. */
export type MutationAskForReferralArgs = {
  input: AskForReferralInput;
};


/** Every mutation, one part per feature. */
export type MutationBlockMemberArgs = {
  input: MemberRefInput;
};


/** Every mutation, one part per feature. */
export type MutationBookmarkResourceArgs = {
  input: ResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationCancelCoffeeChatArgs = {
  input: CoffeeChatInput;
};


/** Every mutation, one part per feature. */
export type MutationCancelEventArgs = {
  input: EventRefInput;
};


/** Every mutation, one part per feature. */
export type MutationChangeEmailArgs = {
  input: ChangeEmailInput;
};


/** Every mutation, one part per feature. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** Every mutation, one part per feature. */
export type MutationCloseJobArgs = {
  input: JobInput;
};


/** Every mutation, one part per feature. */
export type MutationConfirmEmailChangeArgs = {
  input: LinkTokenInput;
};


/** Every mutation, one part per feature. */
export type MutationConfirmMailingListArgs = {
  input: ConfirmMailingListInput;
};


/** Every mutation, one part per feature. */
export type MutationCreateEventArgs = {
  input: CreateEventInput;
};


/** Every mutation, one part per feature. */
export type MutationCreateGroupArgs = {
  input: CreateGroupInput;
};


/** Every mutation, one part per feature. */
export type MutationCreateProgramArgs = {
  input: CreateProgramInput;
};


/** Every mutation, one part per feature. */
export type MutationCreateSurveyArgs = {
  input: CreateSurveyInput;
};


/** Every mutation, one part per feature. */
export type MutationCreateThreadArgs = {
  input: CreateThreadInput;
};


/** Every mutation, one part per feature. */
export type MutationDeclineCoffeeChatArgs = {
  input: CoffeeChatInput;
};


/** Every mutation, one part per feature. */
export type MutationDeclineJoinRequestArgs = {
  input: JoinRequestRefInput;
};


/** Every mutation, one part per feature. */
export type MutationDeclineMessageRequestArgs = {
  input: ConversationInput;
};


/** Every mutation, one part per feature. */
export type MutationDeleteAccountArgs = {
  input: DeleteAccountInput;
};


/** Every mutation, one part per feature. */
export type MutationDeleteReplyArgs = {
  input: ReplyRefInput;
};


/** Every mutation, one part per feature. */
export type MutationDismissSuggestionArgs = {
  input: DismissSuggestionInput;
};


/** Every mutation, one part per feature. */
export type MutationEditJobArgs = {
  input: EditJobInput;
};


/** Every mutation, one part per feature. */
export type MutationEditReplyArgs = {
  input: EditReplyInput;
};


/** Every mutation, one part per feature. */
export type MutationEditResourceArgs = {
  input: EditResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationEnrollInProgramArgs = {
  input: EnrollInProgramInput;
};


/** Every mutation, one part per feature. */
export type MutationFollowThreadArgs = {
  input: ThreadRefInput;
};


/** Every mutation, one part per feature. */
export type MutationInviteToGroupArgs = {
  input: GroupMemberInput;
};


/** Every mutation, one part per feature. */
export type MutationJoinGroupArgs = {
  input: JoinGroupInput;
};


/** Every mutation, one part per feature. */
export type MutationJoinMailingListArgs = {
  input: JoinMailingListInput;
};


/** Every mutation, one part per feature. */
export type MutationLeaveConversationArgs = {
  input: ConversationInput;
};


/** Every mutation, one part per feature. */
export type MutationLeaveGroupArgs = {
  input: GroupRefInput;
};


/** Every mutation, one part per feature. */
export type MutationLeaveProgramArgs = {
  input: ProgramRefInput;
};


/** Every mutation, one part per feature. */
export type MutationLockThreadArgs = {
  input: LockThreadInput;
};


/** Every mutation, one part per feature. */
export type MutationMarkConversationReadArgs = {
  input: MarkConversationReadInput;
};


/** Every mutation, one part per feature. */
export type MutationMarkNotificationsReadArgs = {
  input: MarkNotificationsReadInput;
};


/** Every mutation, one part per feature. */
export type MutationMuteConversationArgs = {
  input: MuteConversationInput;
};


/** Every mutation, one part per feature. */
export type MutationMuteGroupArgs = {
  input: MuteGroupInput;
};


/** Every mutation, one part per feature. */
export type MutationMuteThreadArgs = {
  input: MuteThreadInput;
};


/** Every mutation, one part per feature. */
export type MutationPinThreadArgs = {
  input: PinThreadInput;
};


/** Every mutation, one part per feature. */
export type MutationPostJobArgs = {
  input: PostJobInput;
};


/** Every mutation, one part per feature. */
export type MutationPostReplyArgs = {
  input: PostReplyInput;
};


/** Every mutation, one part per feature. */
export type MutationProposeCoffeeChatArgs = {
  input: ProposeCoffeeChatInput;
};


/** Every mutation, one part per feature. */
export type MutationPublishResourceArgs = {
  input: PublishResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationReactArgs = {
  input: ReactInput;
};


/** Every mutation, one part per feature. */
export type MutationRefreshSessionArgs = {
  input: RefreshSessionInput;
};


/** Every mutation, one part per feature. */
export type MutationRegisterDeviceArgs = {
  input: RegisterDeviceInput;
};


/** Every mutation, one part per feature. */
export type MutationRegisterPushSubscriptionArgs = {
  input: RegisterPushSubscriptionInput;
};


/** Every mutation, one part per feature. */
export type MutationRemoveConnectionArgs = {
  input: MemberRefInput;
};


/** Every mutation, one part per feature. */
export type MutationRemoveDeviceArgs = {
  input: RemoveDeviceInput;
};


/** Every mutation, one part per feature. */
export type MutationRemoveFromProgramArgs = {
  input: RemoveFromProgramInput;
};


/** Every mutation, one part per feature. */
export type MutationRemoveMemberArgs = {
  input: GroupMemberInput;
};


/** Every mutation, one part per feature. */
export type MutationRemovePushSubscriptionArgs = {
  input: RemovePushSubscriptionInput;
};


/** Every mutation, one part per feature. */
export type MutationReportArgs = {
  input: ReportInput;
};


/** Every mutation, one part per feature. */
export type MutationRequestConnectionArgs = {
  input: MemberRefInput;
};


/** Every mutation, one part per feature. */
export type MutationRequestPasswordResetArgs = {
  input: RequestPasswordResetInput;
};


/** Every mutation, one part per feature. */
export type MutationRescheduleCoffeeChatArgs = {
  input: RescheduleCoffeeChatInput;
};


/** Every mutation, one part per feature. */
export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


/** Every mutation, one part per feature. */
export type MutationResolveReportArgs = {
  input: ResolveReportInput;
};


/** Every mutation, one part per feature. */
export type MutationReviewResourceSuggestionArgs = {
  input: ReviewSuggestionInput;
};


/** Every mutation, one part per feature. */
export type MutationRsvpArgs = {
  input: RsvpInput;
};


/** Every mutation, one part per feature. */
export type MutationSaveJobArgs = {
  input: JobInput;
};


/** Every mutation, one part per feature. */
export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


/** Every mutation, one part per feature. */
export type MutationSendNewsletterArgs = {
  input: SendNewsletterInput;
};


/** Every mutation, one part per feature. */
export type MutationSetAnonymousPostsArgs = {
  input: SetAnonymousPostsInput;
};


/** Every mutation, one part per feature. */
export type MutationSetDigestArgs = {
  input: SetDigestInput;
};


/** Every mutation, one part per feature. */
export type MutationSetMemberRoleArgs = {
  input: SetMemberRoleInput;
};


/** Every mutation, one part per feature. */
export type MutationSetMessagePreviewsArgs = {
  input: SetMessagePreviewsInput;
};


/** Every mutation, one part per feature. */
export type MutationSetMessageRequestsArgs = {
  input: SetMessageRequestsInput;
};


/** Every mutation, one part per feature. */
export type MutationSetNotificationPreferenceArgs = {
  input: SetNotificationPreferenceInput;
};


/** Every mutation, one part per feature. */
export type MutationSetQuietHoursArgs = {
  input: SetQuietHoursInput;
};


/** Every mutation, one part per feature. */
export type MutationSetShieldedTopicsArgs = {
  input: ShieldTopicsInput;
};


/** Every mutation, one part per feature. */
export type MutationSetThreadSensitiveTopicsArgs = {
  input: SetSensitiveTopicsInput;
};


/** Every mutation, one part per feature. */
export type MutationSignInArgs = {
  input: SignInInput;
};


/** Every mutation, one part per feature. */
export type MutationSignOutArgs = {
  input?: InputMaybe<SignOutInput>;
};


/** Every mutation, one part per feature. */
export type MutationSignUpArgs = {
  input: SignUpInput;
};


/** Every mutation, one part per feature. */
export type MutationStartConversationArgs = {
  input: StartConversationInput;
};


/** Every mutation, one part per feature. */
export type MutationSubscribeToMailingListArgs = {
  input: SubscribeToMailingListInput;
};


/** Every mutation, one part per feature. */
export type MutationSuggestResourceArgs = {
  input: SuggestResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationUnblockMemberArgs = {
  input: MemberRefInput;
};


/** Every mutation, one part per feature. */
export type MutationUnbookmarkResourceArgs = {
  input: ResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationUnfollowThreadArgs = {
  input: ThreadRefInput;
};


/** Every mutation, one part per feature. */
export type MutationUnmuteGroupArgs = {
  input: GroupRefInput;
};


/** Every mutation, one part per feature. */
export type MutationUnmuteThreadArgs = {
  input: ThreadRefInput;
};


/** Every mutation, one part per feature. */
export type MutationUnpublishResourceArgs = {
  input: ResourceInput;
};


/** Every mutation, one part per feature. */
export type MutationUnsaveJobArgs = {
  input: JobInput;
};


/** Every mutation, one part per feature. */
export type MutationUpdateEventArgs = {
  input: UpdateEventInput;
};


/** Every mutation, one part per feature. */
export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


/** Every mutation, one part per feature. */
export type MutationVerifyEmailArgs = {
  input: LinkTokenInput;
};

export type MuteConversationInput = {
  conversationId: Scalars['ID']['input'];
  /** Until when; for good when left out. A time passed unmutes it. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A group to mute, for good or until a time. */
export type MuteGroupInput = {
  groupId: Scalars['ID']['input'];
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A mute as it now stands. */
export type MutePayload = {
  __typename?: 'MutePayload';
  muted: Scalars['Boolean']['output'];
  /** The thread or group. */
  subjectId: Scalars['ID']['output'];
  /** Null when muted for good (or not muted). */
  until?: Maybe<Scalars['DateTime']['output']>;
};

/** A thread to mute, for good or until a time. */
export type MuteThreadInput = {
  threadId: Scalars['ID']['input'];
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** The iOS or Android app on one of her phones, receiving pushes from FCM or APNs. */
export type NativeDevice = Device & {
  __typename?: 'NativeDevice';
  /** The app's package (Android) or bundle id (iOS). */
  appId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Which APNs the build uses (APNs devices only). */
  environment?: Maybe<PushEnvironment>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  transport: PushTransport;
};

/** A newsletter as admins see it listed. */
export type Newsletter = {
  __typename?: 'Newsletter';
  createdAt: Scalars['DateTime']['output'];
  /** When the last of its audience got it; null while it is still going out. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Subscribers it has been sent to so far. */
  recipients: Scalars['Int']['output'];
  subject: Scalars['String']['output'];
};

/**
 * Something she is told about; replies in one thread (and requests to join one group)
 * collapse into one entry.
 */
export type Notification = {
  __typename?: 'Notification';
  /**
   * Who did the latest happening; null for the system's own (a freed seat) and for an
   * anonymous post (`actorAnonymous`).
   */
  actor?: Maybe<Member>;
  /** The latest happening was an anonymous post: show "Anonymous member". */
  actorAnonymous: Scalars['Boolean']['output'];
  /** The conversation, for a new message or a message request. */
  conversationId?: Maybe<Scalars['ID']['output']>;
  /** How many happenings it stands for: replies in the thread, requests to join, … */
  count: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  eventId?: Maybe<Scalars['ID']['output']>;
  /** The group it happened in; null for direct messages. */
  groupId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: NotificationKind;
  /** The latest message it stands for. */
  messageId?: Maybe<Scalars['ID']['output']>;
  /** The program, for a place given or a program offered. */
  programId?: Maybe<Scalars['ID']['output']>;
  read: Scalars['Boolean']['output'];
  /** The latest reply it stands for. */
  replyId?: Maybe<Scalars['ID']['output']>;
  /** The survey, for an invitation to answer one. */
  surveyId?: Maybe<Scalars['ID']['output']>;
  threadId?: Maybe<Scalars['ID']['output']>;
  /** What the app shows, e.g. "3 new replies in 'Pumping at work'". */
  title: Scalars['String']['output'];
  /** When a happening last joined it. */
  updatedAt: Scalars['DateTime']['output'];
};

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  /** A list of edges. */
  edges: Array<NotificationEdge>;
  /** A list of nodes. */
  nodes: Array<Notification>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Notification;
};

/** One change to her notifications. */
export type NotificationEvent = {
  __typename?: 'NotificationEvent';
  kind: NotificationEventKind;
  /** The entry created or updated. */
  notificationId?: Maybe<Scalars['ID']['output']>;
  /** Her unread count after the change. */
  unreadCount?: Maybe<Scalars['Int']['output']>;
};

/** What happened to her notifications. */
export type NotificationEventKind =
  | 'NOTIFICATION_CREATED'
  /** An unread entry took in one more happening ("3 new replies" became "4"). */
  | 'NOTIFICATION_UPDATED'
  /** Events were missed: re-read the unread count and the list. */
  | 'RESYNC'
  | 'UNREAD_COUNT_CHANGED';

/** Why she is told. */
export type NotificationKind =
  /** Her coffee chat was accepted, declined or cancelled by the other member. */
  | 'COFFEE_CHAT_ACCEPTED'
  | 'COFFEE_CHAT_CANCELLED'
  | 'COFFEE_CHAT_DECLINED'
  /** Someone proposed a coffee chat to her, or new times for one. */
  | 'COFFEE_CHAT_PROPOSED'
  /** Her coffee chat starts in a day, or in an hour. */
  | 'COFFEE_CHAT_REMINDER'
  /**
   * Something in a group she moderates was reported by enough members that it is
   * hidden until a moderator reviews it.
   */
  | 'CONTENT_HELD'
  /** An event she is going to (or waiting for) was cancelled. */
  | 'EVENT_CANCELLED'
  /** An event she is going to (or waiting for) changed. */
  | 'EVENT_CHANGED'
  /** An event she is going to starts in a day, or in an hour. */
  | 'EVENT_REMINDER'
  /** Someone replied in a thread she follows. */
  | 'FOLLOWED_THREAD_ACTIVITY'
  /** A job she posted closes in a few days. */
  | 'JOB_EXPIRING'
  /** Her request to join was approved. */
  | 'JOIN_APPROVED'
  /** Someone asked to join a group she moderates. */
  | 'JOIN_REQUEST'
  /** Someone @mentioned her. */
  | 'MENTION'
  /** Someone she is not connected with wrote to her: a message request. */
  | 'MESSAGE_REQUEST'
  /**
   * A moderator warned her, about something she posted or how she behaved. Always
   * in the app, pushed with a generic line; not a preference she can turn off.
   */
  | 'MODERATOR_WARNING'
  /** A new event in one of her groups. */
  | 'NEW_EVENT_IN_GROUP'
  /** A new message in a conversation in her inbox. */
  | 'NEW_MESSAGE'
  /**
   * She is on leave and a program for those coming back starts before her return
   * date (eight weeks before it, once).
   */
  | 'PROGRAM_OFFER'
  /** A place opened in a program she was waiting for: she is in. */
  | 'PROGRAM_PLACE_GIVEN'
  /** Someone asks her for a referral for a job she posted. */
  | 'REFERRAL_REQUEST'
  /** Someone answered her reply. */
  | 'REPLY_TO_MY_REPLY'
  /** Someone replied in a thread she started. */
  | 'REPLY_TO_MY_THREAD'
  /** Her return-to-work date has come: is she back (career stage RETURNING)? Once. */
  | 'RETURN_TO_WORK_CHECK'
  /**
   * A survey asks for her answers (one of her groups', an event she went to once it
   * is over, her program's).
   */
  | 'SURVEY_INVITATION'
  /** She moved from the waitlist to a seat. */
  | 'WAITLIST_PROMOTED';

/** Where one kind reaches her. */
export type NotificationPreference = {
  __typename?: 'NotificationPreference';
  /** Also by email (each one, with a link to stop). */
  email: Scalars['Boolean']['output'];
  inApp: Scalars['Boolean']['output'];
  kind: NotificationKind;
  push: Scalars['Boolean']['output'];
};

/** What she is open to. */
export type OpenTo =
  | 'COFFEE_CHATS'
  | 'MENTORING'
  | 'PLAYDATES'
  | 'REFERRALS';

/** Information about pagination in a connection */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PinThreadInput = {
  pinned?: Scalars['Boolean']['input'];
  threadId: Scalars['ID']['input'];
};

/** A job to post. */
export type PostJobInput = {
  canRefer?: Scalars['Boolean']['input'];
  /** Makes a retry of this request post nothing twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  company: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  employment: Employment;
  /** When it closes by itself: within 90 days; 30 days from now when left out. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  flexibility?: Array<Flexibility>;
  /** Share it only with this group's members (she must belong to it). */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  location: Scalars['String']['input'];
  title: Scalars['String']['input'];
  url?: InputMaybe<Scalars['String']['input']>;
  workplace: Workplace;
};

export type PostReplyInput = {
  /**
   * Post it as "Anonymous member", where the group allows anonymous posts (moderators
   * still see who wrote it). It may mention no one.
   */
  anonymous?: Scalars['Boolean']['input'];
  body: Scalars['String']['input'];
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** Answer this top-level reply (one level of nesting). */
  parentReplyId?: InputMaybe<Scalars['ID']['input']>;
  threadId: Scalars['ID']['input'];
};

/** The personal fields that have a visibility. */
export type ProfileField =
  | 'BIO'
  | 'CAREER_STAGE'
  | 'CHILDREN'
  | 'CITY'
  | 'HEADLINE'
  | 'INDUSTRY'
  | 'INTERESTS'
  | 'NEIGHBOURHOOD'
  | 'OPEN_TO'
  | 'RETURN_TO_WORK_DATE';

/** A series of sessions for a cohort: enrol for a place, or a place on the waitlist. */
export type Program = {
  __typename?: 'Program';
  /** Places. */
  capacity: Scalars['Int']['output'];
  /**
   * The private group of those with a place and its organisers: null for everyone
   * else.
   */
  cohort?: Maybe<Group>;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  /** The last session's end (of those not cancelled). */
  endsAt?: Maybe<Scalars['DateTime']['output']>;
  enrolledCount: Scalars['Int']['output'];
  /**
   * The group it is offered in, when she may read it; null when it is for the
   * whole community.
   */
  group?: Maybe<Group>;
  id: Scalars['ID']['output'];
  /** The career stage it is for. */
  lifeStage: CareerStage;
  organiser: Member;
  /** Its sessions, in the order they happen. */
  sessions: Array<ProgramSession>;
  /** The first session's start (of those not cancelled). */
  startsAt?: Maybe<Scalars['DateTime']['output']>;
  title: Scalars['String']['output'];
  /** Her enrolment; null when she never enrolled. */
  viewerEnrollment?: Maybe<ProgramEnrollment>;
  waitlistCount: Scalars['Int']['output'];
};

export type ProgramConnection = {
  __typename?: 'ProgramConnection';
  /** A list of edges. */
  edges: Array<ProgramEdge>;
  /** A list of nodes. */
  nodes: Array<Program>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ProgramEdge = {
  __typename?: 'ProgramEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Program;
};

/** The viewer's enrolment. */
export type ProgramEnrollment = {
  __typename?: 'ProgramEnrollment';
  status: EnrollmentStatus;
  /** Her place on the waitlist (1 is next), when waitlisted. */
  waitlistPosition?: Maybe<Scalars['Int']['output']>;
};

export type ProgramRefInput = {
  programId: Scalars['ID']['input'];
};

/**
 * One session on a program's schedule, as anyone who may see the program sees it;
 * the event itself (its place, its link, its RSVPs) is for the cohort.
 */
export type ProgramSession = {
  __typename?: 'ProgramSession';
  cancelled: Scalars['Boolean']['output'];
  city?: Maybe<Scalars['String']['output']>;
  endsAt: Scalars['DateTime']['output'];
  /** The session's event, for members of the cohort (null for everyone else). */
  event?: Maybe<Event>;
  /** Whether it happens online. */
  online: Scalars['Boolean']['output'];
  startsAt: Scalars['DateTime']['output'];
  /** The IANA time zone it happens in. */
  timezone: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** One session of a new program: an event in its cohort, with a seat for each place. */
export type ProgramSessionInput = {
  childcareCapacity?: InputMaybe<Scalars['Int']['input']>;
  childcareProvided?: Scalars['Boolean']['input'];
  city?: InputMaybe<Scalars['String']['input']>;
  description?: Scalars['String']['input'];
  endsAt: Scalars['DateTime']['input'];
  kidsWelcome?: Scalars['Boolean']['input'];
  location?: InputMaybe<Scalars['String']['input']>;
  onlineUrl?: InputMaybe<Scalars['String']['input']>;
  startsAt: Scalars['DateTime']['input'];
  /** IANA time zone, e.g. America/Toronto. */
  timezone: Scalars['String']['input'];
  title: Scalars['String']['input'];
};

/** Which programs to list; every part optional, all must match. */
export type ProgramsFilter = {
  /** Only those she has a place in or waits for. */
  enrolled?: Scalars['Boolean']['input'];
  groupId?: InputMaybe<Scalars['ID']['input']>;
  lifeStage?: InputMaybe<CareerStage>;
  /** Only those with a session still to come or under way. */
  upcoming?: Scalars['Boolean']['input'];
};

export type ProposeCoffeeChatInput = {
  /** Makes a retry of this request propose nothing twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  memberId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  onlineUrl?: InputMaybe<Scalars['String']['input']>;
  /** Where to meet, or `onlineUrl`: one of them. */
  place?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 3 times, each ahead (within 180 days), 15 minutes to 4 hours long. */
  slots: Array<TimeRangeInput>;
};

/** A resource to publish: a body or a url, one of them. */
export type PublishResourceInput = {
  /** Plain text with simple markdown (at most 50 000 characters). */
  body?: InputMaybe<Scalars['String']['input']>;
  childAges?: Array<ChildAge>;
  /**
   * Publish it in this group (its owners and moderators may); community-wide
   * (community admins) when left out.
   */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  kind: ResourceKind;
  lifeStages?: Array<CareerStage>;
  /** A line or two shown in lists (at most 500 characters). */
  summary: Scalars['String']['input'];
  title: Scalars['String']['input'];
  /** Up to 10 short topics: letters, digits, spaces and hyphens. */
  topics?: Array<Scalars['String']['input']>;
  /** An http(s) link. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** Which APNs an iOS build is registered with. */
export type PushEnvironment =
  /** App Store and TestFlight builds. */
  | 'PRODUCTION'
  /** Development builds run from Xcode. */
  | 'SANDBOX';

/** A browser or home-screen web app receiving Web Push. */
export type PushSubscription = Device & {
  __typename?: 'PushSubscription';
  createdAt: Scalars['DateTime']['output'];
  endpoint: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  transport: PushTransport;
  /** @deprecated the same as name */
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** How a device receives pushes. */
export type PushTransport =
  /** Apple Push Notification service: iOS apps. */
  | 'APNS'
  /** Firebase Cloud Messaging: Android, and iOS apps that use Firebase. */
  | 'FCM'
  /** A browser or home-screen web app (RFC 8030), registered with `registerPushSubscription`. */
  | 'WEB_PUSH';

/** Every query field, one part per feature. */
export type Query = {
  __typename?: 'Query';
  /** Whether members she is not connected with may write to her. */
  acceptsMessageRequests: Scalars['Boolean']['output'];
  /** The resources she bookmarked and may still see, the latest bookmarked first. */
  bookmarks: ResourceConnection;
  /** One of her coffee chats. */
  coffeeChat: CoffeeChat;
  /** One of her conversations (in her inbox or her requests). */
  conversation: Conversation;
  /** Her conversations, latest message first. */
  conversations: ConversationConnection;
  /** Her email digest. */
  digestSettings: DigestSettings;
  /** An event by id. */
  event: Event;
  /** Events in the groups the viewer can read, soonest first. */
  events: EventConnection;
  /** Recent activity across the viewer's groups, most recent first. */
  feed: ThreadConnection;
  /** A group by id. Private groups show their name and description to everyone. */
  group: Group;
  /** Every group, newest first. */
  groups: GroupConnection;
  /** One job she may see, open or closed. */
  job: JobPost;
  /** Open jobs she may see (community-wide and her groups'), newest first. */
  jobs: JobPostConnection;
  /** The signed-in member. */
  me: Member;
  /** A member by id. */
  member: Member;
  /**
   * The member directory, in joining order. Blocked members never appear; filters
   * only match what the viewer may see.
   */
  members: MemberConnection;
  /** Conversations from members she is not connected with, waiting for her answer. */
  messageRequests: ConversationConnection;
  /**
   * What moderators did, newest first: a group's entries for its moderators, every
   * entry for community admins. Nothing edits or deletes an entry.
   */
  moderationLog: LogEntryConnection;
  /**
   * What was reported in the groups she moderates (everything, for a community
   * admin), grouped by what was reported, the most recently reported first. Reports
   * about herself are not in her queue.
   */
  moderationQueue: QueueItemConnection;
  /** Her coffee chats (in `status`, when given), most recently changed first. */
  myCoffeeChats: CoffeeChatConnection;
  /**
   * Every device that receives her pushes: browsers and native apps, oldest first
   * (not those registered by a session that has ended).
   */
  myDevices: Array<Device>;
  /** Events the viewer is going to or waitlisted for, soonest first. */
  myEvents: EventConnection;
  /** The groups the viewer belongs to, in the order she joined them. */
  myGroups: GroupConnection;
  /** Her browsers that receive Web Push. */
  myPushSubscriptions: Array<PushSubscription>;
  /** The reports she filed, newest first, with where each stands. */
  myReports: ReportConnection;
  /**
   * The newsletters sent, newest first, with how many subscribers got each
   * (community admins only).
   */
  newsletters: Array<Newsletter>;
  /** Where each kind of notification reaches her. */
  notificationPreferences: Array<NotificationPreference>;
  /** Her notifications, most recently updated first. */
  notifications: NotificationConnection;
  /**
   * A program she may see: offered to the whole community or in a group she may
   * read, or one whose cohort she is in.
   */
  program: Program;
  /** The programs she may see, the newest first. */
  programs: ProgramConnection;
  /** Her quiet hours (none set: no windows, in UTC). */
  quietHours: QuietHours;
  /**
   * Resources for her: first those for her career stage (and EXPECTING while a
   * child is due), then those for her children's ages, then the newest (1 to 20).
   */
  recommendedResources: Array<Resource>;
  /** One resource she may see. */
  resource: Resource;
  /**
   * Members' suggestions at `status` (OPEN when left out), the newest first.
   * Community admins only.
   */
  resourceSuggestions: ResourceSuggestionConnection;
  /**
   * The library as she may see it (community-wide resources and those of groups she
   * may read), searched and filtered: the best matches first when searching for
   * words, else the newest. Pages go 1 000 items deep.
   */
  resources: ResourceRankedConnection;
  /** The jobs she saved and may still see, most recently saved first. */
  savedJobs: JobPostConnection;
  /** The sensitive topics she shields herself from. */
  shieldedTopics: Array<SensitiveTopic>;
  /** Whether a message's text shows in its push (off unless she turned it on). */
  showsMessagePreviews: Scalars['Boolean']['output'];
  /**
   * Members she might like to meet, best match first (at most 50): those sharing her
   * career stage, city, industry, children's ages or what she is open to — as far as
   * they show it — never anyone blocked either way, connected (or asked), or dismissed.
   */
  suggestedMembers: Array<Suggestion>;
  /** A survey she was asked (once it opened) or made; community admins see any. */
  survey: Survey;
  /**
   * A survey's results: its creator and community admins (`FORBIDDEN` for those
   * asked).
   */
  surveyResults: SurveyResults;
  /** The surveys she is asked (once open) or made, the newest first. */
  surveys: SurveyConnection;
  /** A thread by id. */
  thread: Thread;
  /** How many of her notifications are unread. */
  unreadNotificationCount: Scalars['Int']['output'];
  /** The server's VAPID public key (base64url), for the client's push subscribe call. */
  vapidPublicKey: Scalars['String']['output'];
};


/** Every query field, one part per feature. */
export type QueryBookmarksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryCoffeeChatArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryConversationArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryEventArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryGroupArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<GroupFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<JobFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryMemberArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MemberFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryMessageRequestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryModerationLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  groupId?: InputMaybe<Scalars['ID']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryModerationQueueArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModerationQueueFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryMyCoffeeChatsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CoffeeChatStatus>;
};


/** Every query field, one part per feature. */
export type QueryMyEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<EventsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryMyGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryMyReportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryNewslettersArgs = {
  first?: Scalars['Int']['input'];
};


/** Every query field, one part per feature. */
export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryProgramArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryProgramsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProgramsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryRecommendedResourcesArgs = {
  first?: Scalars['Int']['input'];
};


/** Every query field, one part per feature. */
export type QueryResourceArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QueryResourceSuggestionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ResourceSuggestionStatus>;
};


/** Every query field, one part per feature. */
export type QueryResourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ResourceFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QuerySavedJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QuerySuggestedMembersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QuerySurveyArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QuerySurveyResultsArgs = {
  id: Scalars['ID']['input'];
};


/** Every query field, one part per feature. */
export type QuerySurveysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Every query field, one part per feature. */
export type QueryThreadArgs = {
  id: Scalars['ID']['input'];
};

/** Something reported, with its reports: one entry of the moderation queue. */
export type QueueItem = {
  __typename?: 'QueueItem';
  /** The group it is in; null for what community admins handle. */
  groupId?: Maybe<Scalars['ID']['output']>;
  latestReportAt: Scalars['DateTime']['output'];
  reportCount: Scalars['Int']['output'];
  /** Its newest reports (at most 50); resolve any one of them to act on it. */
  reports: Array<Report>;
  status: ReportStatus;
  /** Whose it is (the member reported, for a member). */
  subject?: Maybe<Member>;
  targetId: Scalars['ID']['output'];
  targetKind: TargetKind;
};


/** Something reported, with its reports: one entry of the moderation queue. */
export type QueueItemReportsArgs = {
  first?: Scalars['Int']['input'];
};

export type QueueItemConnection = {
  __typename?: 'QueueItemConnection';
  /** A list of edges. */
  edges: Array<QueueItemEdge>;
  /** A list of nodes. */
  nodes: Array<QueueItem>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type QueueItemEdge = {
  __typename?: 'QueueItemEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: QueueItem;
};

/**
 * When her phone should not buzz: pushes due then are held and go out as one when the
 * window ends (event changes within two hours of the start still go at once).
 */
export type QuietHours = {
  __typename?: 'QuietHours';
  /** An IANA time zone, e.g. "Europe/London". */
  timeZone: Scalars['String']['output'];
  windows: Array<QuietWindow>;
};

/**
 * A daily window of her local time, "HH:MM" to "HH:MM" (an end before the start runs
 * past midnight).
 */
export type QuietWindow = {
  __typename?: 'QuietWindow';
  end: Scalars['String']['output'];
  start: Scalars['String']['output'];
};

/**
 * A daily window of her local time, "HH:MM" to "HH:MM" (an end before the start runs
 * past midnight).
 */
export type QuietWindowInput = {
  end: Scalars['String']['input'];
  start: Scalars['String']['input'];
};

/** React to a thread or to a reply (give exactly one). Reacting again takes it back. */
export type ReactInput = {
  /** A key of the client's: the same reaction sent again with it is not taken back. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  reaction: Reaction;
  replyId?: InputMaybe<Scalars['ID']['input']>;
  threadId?: InputMaybe<Scalars['ID']['input']>;
};

/** The result of `react`. */
export type ReactPayload = {
  __typename?: 'ReactPayload';
  /** Whether the viewer's reaction is there now. */
  reacted: Scalars['Boolean']['output'];
  reactions: Array<ReactionCount>;
};

/** The small fixed set of reactions. */
export type Reaction =
  | 'CELEBRATE'
  | 'HEART'
  | 'HUG'
  | 'LAUGH'
  | 'SAME';

/** How many members reacted one way, and whether the viewer is one of them. */
export type ReactionCount = {
  __typename?: 'ReactionCount';
  count: Scalars['Int']['output'];
  reactedByMe: Scalars['Boolean']['output'];
  reaction: Reaction;
};

export type RefreshSessionInput = {
  refreshToken: Scalars['String']['input'];
};

/** The native app on her phone, as the OS handed it its push token. */
export type RegisterDeviceInput = {
  /** The app's package (Android) or bundle id (iOS). */
  appId: Scalars['String']['input'];
  /** Shown in her device list, e.g. "Ana's iPhone" (at most 100 characters kept). */
  deviceName?: InputMaybe<Scalars['String']['input']>;
  /** Which APNs the build uses (default PRODUCTION); FCM devices leave it out. */
  environment?: InputMaybe<PushEnvironment>;
  /** The FCM registration token, or the APNs device token in hex. */
  token: Scalars['String']['input'];
  /** FCM or APNS (browsers use `registerPushSubscription`). */
  transport: PushTransport;
};

/** A subscription as the browser or phone gave it (`PushSubscription.toJSON()`). */
export type RegisterPushSubscriptionInput = {
  /** Its 16-byte auth secret (base64url). */
  auth: Scalars['String']['input'];
  endpoint: Scalars['String']['input'];
  /** The subscription's P-256 public key (base64url), named as in `toJSON().keys`. */
  p256dh: Scalars['String']['input'];
  /** Shown in her device list, e.g. "Pixel 8". */
  userAgent?: InputMaybe<Scalars['String']['input']>;
};

export type RemoveDeviceInput = {
  id: Scalars['ID']['input'];
};

export type RemoveDevicePayload = {
  __typename?: 'RemoveDevicePayload';
  removedId: Scalars['ID']['output'];
};

export type RemoveFromProgramInput = {
  memberId: Scalars['ID']['input'];
  programId: Scalars['ID']['input'];
};

export type RemovePushSubscriptionInput = {
  id: Scalars['ID']['input'];
};

export type RemovePushSubscriptionPayload = {
  __typename?: 'RemovePushSubscriptionPayload';
  removedId: Scalars['ID']['output'];
};

/**
 * A reply in a thread. Deleted replies and replies by members blocked either way keep
 * their place with no author or text; an anonymous reply shows no author to others.
 */
export type Reply = {
  __typename?: 'Reply';
  /** Posted anonymously, in a group that allows it. */
  anonymous: Scalars['Boolean']['output'];
  /**
   * Null unless the reply is visible; null too when it was posted anonymously, for
   * all but its author, the group's owners and moderators, and community admins.
   */
  author?: Maybe<Member>;
  /** Null unless the reply is visible. */
  body?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  /**
   * Reported by enough members and hidden from everyone but its author and the
   * group's moderators (who see this) until a moderator resolves the reports.
   */
  heldForReview: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The reply this one answers (replies nest one level). */
  parentReplyId?: Maybe<Scalars['ID']['output']>;
  reactions: Array<ReactionCount>;
  state: ReplyState;
  threadId: Scalars['ID']['output'];
};

export type ReplyConnection = {
  __typename?: 'ReplyConnection';
  /** A list of edges. */
  edges: Array<ReplyEdge>;
  /** A list of nodes. */
  nodes: Array<Reply>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ReplyEdge = {
  __typename?: 'ReplyEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Reply;
};

export type ReplyRefInput = {
  replyId: Scalars['ID']['input'];
};

/** How a reply shows. */
export type ReplyState =
  /** Deleted by its author: "reply deleted". */
  | 'DELETED'
  /** Written by someone blocked either way with the viewer: a placeholder, not a gap. */
  | 'HIDDEN'
  /** Removed by a moderator. */
  | 'REMOVED'
  | 'VISIBLE';

/** A member's report. Only she and the moderators who handle it see it. */
export type Report = {
  __typename?: 'Report';
  /** What the moderator did, once she did. */
  action?: Maybe<ModerationAction>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  note: Scalars['String']['output'];
  reason: ReportReason;
  /**
   * Who reported it (shown to the reporter herself and to the moderators who handle
   * it); null once her account is gone.
   */
  reporter?: Maybe<Member>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ReportStatus;
  /** The reply, thread, event, message or member reported. */
  targetId: Scalars['ID']['output'];
  targetKind: TargetKind;
};

export type ReportConnection = {
  __typename?: 'ReportConnection';
  /** A list of edges. */
  edges: Array<ReportEdge>;
  /** A list of nodes. */
  nodes: Array<Report>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ReportEdge = {
  __typename?: 'ReportEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Report;
};

export type ReportInput = {
  /** What moderators should know (at most 1 000 characters). */
  note?: InputMaybe<Scalars['String']['input']>;
  reason: ReportReason;
  target: ReportTargetInput;
};

/** Why a member reports something. */
export type ReportReason =
  | 'HARASSMENT'
  | 'HATE'
  | 'MEDICAL_MISINFORMATION'
  | 'OTHER'
  | 'PRIVACY'
  | 'SELF_HARM'
  | 'SPAM';

/** Where a report stands. */
export type ReportStatus =
  /** A moderator acted on it. */
  | 'ACTIONED'
  /** A moderator found nothing to act on. */
  | 'DISMISSED'
  /** Waiting in the queue. */
  | 'OPEN';

/** What is reported: exactly one of these. */
export type ReportTargetInput = {
  eventId?: InputMaybe<Scalars['ID']['input']>;
  memberId?: InputMaybe<Scalars['ID']['input']>;
  /** A message in one of her own conversations. */
  messageId?: InputMaybe<Scalars['ID']['input']>;
  replyId?: InputMaybe<Scalars['ID']['input']>;
  threadId?: InputMaybe<Scalars['ID']['input']>;
};

/** What asking for an export did. */
export type RequestDataExportPayload = {
  __typename?: 'RequestDataExportPayload';
  /**
   * True: it is being gathered; a link arrives by email (valid 24 hours, opened with
   * her session).
   */
  requested: Scalars['Boolean']['output'];
};

export type RequestPasswordResetInput = {
  email: Scalars['String']['input'];
};

export type RescheduleCoffeeChatInput = {
  id: Scalars['ID']['input'];
  onlineUrl?: InputMaybe<Scalars['String']['input']>;
  place?: InputMaybe<Scalars['String']['input']>;
  slots: Array<TimeRangeInput>;
};

export type ResetPasswordInput = {
  newPassword: Scalars['String']['input'];
  /** The token of the emailed link. */
  token: Scalars['String']['input'];
};

export type ResolveReportInput = {
  action: ModerationAction;
  /**
   * Why (at most 1 000 characters): kept in the moderation log; for `SUSPEND`
   * required, and shown to her when she tries to sign in.
   */
  note?: InputMaybe<Scalars['String']['input']>;
  /** Any open report on the thing: every open report on it closes. */
  reportId: Scalars['ID']['input'];
  /** Until when, for `MUTE_IN_GROUP` and `SUSPEND` (within five years). */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A guide, article, template, video or link in the library. */
export type Resource = {
  __typename?: 'Resource';
  /** Plain text with simple markdown; clients render it. Null for a link. */
  body?: Maybe<Scalars['String']['output']>;
  /** Whether she bookmarked it. */
  bookmarked: Scalars['Boolean']['output'];
  /** The ages of children it speaks to. */
  childAges: Array<ChildAge>;
  /** Who last edited it; null until someone does. */
  editedBy?: Maybe<Member>;
  /**
   * The group it was published in, when she may read it (a community admin managing
   * a private group's resource may not); null when community-wide.
   */
  group?: Maybe<Group>;
  /** The group it was published in; null when community-wide. */
  groupId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: ResourceKind;
  /** The career stages it is for. */
  lifeStages: Array<CareerStage>;
  publishedAt: Scalars['DateTime']['output'];
  publishedBy: Member;
  summary: Scalars['String']['output'];
  title: Scalars['String']['output'];
  /** Lower-cased. */
  topics: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** Where it lives, for a link (null for one with a body). */
  url?: Maybe<Scalars['String']['output']>;
};

export type ResourceConnection = {
  __typename?: 'ResourceConnection';
  /** A list of edges. */
  edges: Array<ResourceEdge>;
  /** A list of nodes. */
  nodes: Array<Resource>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ResourceEdge = {
  __typename?: 'ResourceEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Resource;
};

/** What to look for in the library; every part optional, all must match. */
export type ResourceFilterInput = {
  groupId?: InputMaybe<Scalars['ID']['input']>;
  kind?: InputMaybe<ResourceKind>;
  lifeStage?: InputMaybe<CareerStage>;
  /**
   * Words to search for (all of them, stemmed), the best matches first; without it
   * the newest come first.
   */
  text?: InputMaybe<Scalars['String']['input']>;
  topic?: InputMaybe<Scalars['String']['input']>;
};

export type ResourceInput = {
  resourceId: Scalars['ID']['input'];
};

/** What a resource is. */
export type ResourceKind =
  | 'ARTICLE'
  | 'GUIDE'
  | 'LINK'
  | 'TEMPLATE'
  | 'VIDEO';

export type ResourceRankedConnection = {
  __typename?: 'ResourceRankedConnection';
  /** A list of edges. */
  edges: Array<ResourceRankedEdge>;
  /** A list of nodes. */
  nodes: Array<Resource>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ResourceRankedEdge = {
  __typename?: 'ResourceRankedEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Resource;
};

/** A member's suggestion for the library. */
export type ResourceSuggestion = {
  __typename?: 'ResourceSuggestion';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  note: Scalars['String']['output'];
  reviewedAt?: Maybe<Scalars['DateTime']['output']>;
  status: ResourceSuggestionStatus;
  /** Who suggested it: shown to herself and to community admins. */
  suggestedBy: Member;
  url: Scalars['String']['output'];
};

export type ResourceSuggestionConnection = {
  __typename?: 'ResourceSuggestionConnection';
  /** A list of edges. */
  edges: Array<ResourceSuggestionEdge>;
  /** A list of nodes. */
  nodes: Array<ResourceSuggestion>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ResourceSuggestionEdge = {
  __typename?: 'ResourceSuggestionEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: ResourceSuggestion;
};

/** Where a member's suggestion stands. */
export type ResourceSuggestionStatus =
  /** An admin took it up. */
  | 'ACCEPTED'
  | 'DISMISSED'
  /** Waiting for an admin. */
  | 'OPEN';

export type ReviewSuggestionInput = {
  /** Taken up (ACCEPTED) or not (DISMISSED). */
  accepted: Scalars['Boolean']['input'];
  suggestionId: Scalars['ID']['input'];
};

/** The viewer's answer to an event. */
export type Rsvp = {
  __typename?: 'Rsvp';
  kids: Scalars['Int']['output'];
  status: RsvpStatus;
  /** Her place on the waitlist (1 is next), when waitlisted. */
  waitlistPosition?: Maybe<Scalars['Int']['output']>;
};

/** What a member answers. */
export type RsvpAnswer =
  | 'GOING'
  | 'NOT_GOING';

export type RsvpInput = {
  /** A key of the client's: the same answer sent again with it is not applied twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId: Scalars['ID']['input'];
  /** Children coming along (they use childcare places when childcare is provided). */
  kids?: Scalars['Int']['input'];
  status: RsvpAnswer;
};

/** Where her RSVP stands. */
export type RsvpStatus =
  | 'GOING'
  | 'NOT_GOING'
  /** The event is full; she moves up in arrival order when someone leaves. */
  | 'WAITLISTED';

export type SendMessageInput = {
  body: Scalars['String']['input'];
  /** Makes a retry of this request send nothing twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
};

export type SendNewsletterInput = {
  audience?: AudienceInput;
  /** Plain text. */
  body: Scalars['String']['input'];
  subject: Scalars['String']['input'];
};

/** A newsletter on its way. */
export type SendNewsletterPayload = {
  __typename?: 'SendNewsletterPayload';
  newsletterId: Scalars['ID']['output'];
};

/**
 * Topics members may shield themselves from: a thread touching one is left out of her
 * feed and group activity, shown collapsed in group lists, and named in no push or
 * email to her.
 */
export type SensitiveTopic =
  | 'BIRTH_TRAUMA'
  | 'CHILD_ILLNESS'
  | 'FERTILITY'
  | 'POSTPARTUM_MENTAL_HEALTH'
  | 'PREGNANCY_LOSS';

export type SetAnonymousPostsInput = {
  allowed: Scalars['Boolean']['input'];
  groupId: Scalars['ID']['input'];
};

export type SetDigestInput = {
  frequency: DigestFrequency;
  /** Her local hour, 0–23 (in her quiet hours' time zone, else her profile's, else UTC). */
  hour?: Scalars['Int']['input'];
};

export type SetMemberRoleInput = {
  groupId: Scalars['ID']['input'];
  memberId: Scalars['ID']['input'];
  role: GroupRole;
};

export type SetMessagePreviewsInput = {
  /** Whether a message's text shows on her lock screen, after its author's name. */
  inPushes: Scalars['Boolean']['input'];
};

export type SetMessageRequestsInput = {
  /**
   * Whether members she is not connected with may write to her (their conversations
   * wait in her message requests).
   */
  fromNonConnections: Scalars['Boolean']['input'];
};

/** Where one kind of notification should reach her. */
export type SetNotificationPreferenceInput = {
  /** Also by email; left out, it stays as it is. */
  email?: InputMaybe<Scalars['Boolean']['input']>;
  inApp: Scalars['Boolean']['input'];
  kind: NotificationKind;
  push: Scalars['Boolean']['input'];
};

export type SetQuietHoursInput = {
  /** An IANA time zone, e.g. "Europe/London"; her windows are in its local time. */
  timeZone: Scalars['String']['input'];
  /** Up to four windows; none turns quiet hours off. */
  windows: Array<QuietWindowInput>;
};

export type SetSensitiveTopicsInput = {
  threadId: Scalars['ID']['input'];
  topics: Array<SensitiveTopic>;
};

export type ShieldTopicsInput = {
  /** Every topic she shields herself from (the list replaces the last one). */
  topics: Array<SensitiveTopic>;
};

export type SignInInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type SignOutInput = {
  /** The device's refresh token; without it, the session of the access token ends. */
  refreshToken?: InputMaybe<Scalars['String']['input']>;
  /**
   * Also stop pushes to this device: removes the push registrations (Web Push and
   * native) made by the session that ends.
   */
  removePushDevices?: Scalars['Boolean']['input'];
};

/** How many sessions a sign-out ended. */
export type SignOutPayload = {
  __typename?: 'SignOutPayload';
  sessionsEnded: Scalars['Int']['output'];
};

export type SignUpInput = {
  displayName: Scalars['String']['input'];
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

/** Where a conversation stands for one of its members. */
export type Standing =
  /** She declined the request: hidden from her, and its sender is not told. */
  | 'DECLINED'
  /** In her inbox: she started it, is connected with who did, or accepted it. */
  | 'INBOX'
  /** She left: hidden from her, and she can no longer write in it. */
  | 'LEFT'
  /** Waiting in her message requests: someone she is not connected with wrote. */
  | 'REQUESTED';

export type StartConversationInput = {
  /** The first message (plain text, at most 20 000 characters). */
  body: Scalars['String']['input'];
  /** Makes a retry of this request start nothing twice. */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  /** The other members (1 to 7). */
  memberIds: Array<Scalars['ID']['input']>;
};

export type SubscribeToMailingListInput = {
  city?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  interests?: Array<Interest>;
};

/** Every subscription, one part per feature. */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * New messages in one of her conversations as they are sent; with `after` (a
   * message cursor), first the messages sent since then.
   */
  conversationUpdates: ConversationUpdate;
  /** What happens in a group as it happens. */
  groupActivity: GroupActivity;
  /** The signed-in member's notifications as they happen. */
  notificationEvents: NotificationEvent;
  /**
   * Changes to a thread as they happen; with `after` (a reply cursor), first the
   * replies posted since then.
   */
  threadUpdates: ThreadUpdate;
};


/** Every subscription, one part per feature. */
export type SubscriptionConversationUpdatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  conversationId: Scalars['ID']['input'];
};


/** Every subscription, one part per feature. */
export type SubscriptionGroupActivityArgs = {
  groupId: Scalars['ID']['input'];
};


/** Every subscription, one part per feature. */
export type SubscriptionThreadUpdatesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  threadId: Scalars['ID']['input'];
};

export type SuggestResourceInput = {
  /** Why it belongs in the library (at most 1 000 characters). */
  note?: Scalars['String']['input'];
  /** An http(s) link. */
  url: Scalars['String']['input'];
};

/** A member to meet, and why. */
export type Suggestion = {
  __typename?: 'Suggestion';
  member: Member;
  /** What she shares with the viewer, most telling first. */
  reasons: Array<Scalars['String']['output']>;
  /** The reasons in one line: "Also returning from leave in March · Toronto · kids 1 and 3". */
  summary: Scalars['String']['output'];
};

/** A set of questions for a group's members, an event's attendees or a program's cohort. */
export type Survey = {
  __typename?: 'Survey';
  /** Whether nothing links an answer to the member who gave it. */
  anonymous: Scalars['Boolean']['output'];
  closesAt: Scalars['DateTime']['output'];
  createdBy: Member;
  eventId?: Maybe<Scalars['ID']['output']>;
  /** Its audience: one of the group's members, the event's attendees, the program's cohort. */
  groupId?: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  intro: Scalars['String']['output'];
  /** Whether answers are taken now. */
  open: Scalars['Boolean']['output'];
  /** When answers are taken from (an event's survey: once the event is over). */
  opensAt: Scalars['DateTime']['output'];
  programId?: Maybe<Scalars['ID']['output']>;
  questions: Array<SurveyQuestion>;
  responseCount: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  /** Whether she answered. */
  viewerAnswered: Scalars['Boolean']['output'];
  /**
   * Her answers, to change them; always empty in an anonymous survey (her phone keeps
   * its own copy with the edit key).
   */
  viewerAnswers: Array<SurveyAnswer>;
};

/** One of her answers (to a survey that is not anonymous). */
export type SurveyAnswer = {
  __typename?: 'SurveyAnswer';
  /** The chosen options' positions. */
  choices: Array<Scalars['Int']['output']>;
  questionId: Scalars['ID']['output'];
  scale?: Maybe<Scalars['Int']['output']>;
  text?: Maybe<Scalars['String']['output']>;
};

export type SurveyAnswerInput = {
  /** For SINGLE_CHOICE (one) and MULTI_CHOICE: the options' positions, from 0. */
  choices?: Array<Scalars['Int']['input']>;
  questionId: Scalars['ID']['input'];
  /** For SCALE_1_5. */
  scale?: InputMaybe<Scalars['Int']['input']>;
  /** For TEXT (at most 5 000 characters). */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** Who is asked: exactly one of them. */
export type SurveyAudienceInput = {
  /** Those who went, asked once it is over. */
  eventId?: InputMaybe<Scalars['ID']['input']>;
  /** The group's members. */
  groupId?: InputMaybe<Scalars['ID']['input']>;
  /** Those with a place. */
  programId?: InputMaybe<Scalars['ID']['input']>;
};

/** What results can be broken down by. */
export type SurveyBreakdown =
  /** Her career stage when she answered. */
  | 'CAREER_STAGE'
  /** Her city when she answered. */
  | 'CITY';

/** One group of a breakdown. */
export type SurveyBreakdownGroup = {
  __typename?: 'SurveyBreakdownGroup';
  questions: Array<SurveyQuestionResult>;
  responses: Scalars['Int']['output'];
  /**
   * The career stage (e.g. ON_LEAVE) or the city (lower-cased); null for those who
   * did not say.
   */
  value?: Maybe<Scalars['String']['output']>;
};

/** A breakdown of the results: only groups of at least `minimumGroup` responses. */
export type SurveyBreakdownResult = {
  __typename?: 'SurveyBreakdownResult';
  groups: Array<SurveyBreakdownGroup>;
  minimumGroup: Scalars['Int']['output'];
  /** Responses in groups too small to show, counted together. */
  suppressedResponses: Scalars['Int']['output'];
};

export type SurveyConnection = {
  __typename?: 'SurveyConnection';
  /** A list of edges. */
  edges: Array<SurveyEdge>;
  /** A list of nodes. */
  nodes: Array<Survey>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type SurveyEdge = {
  __typename?: 'SurveyEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Survey;
};

/** How often one option, or one value of a scale, was chosen. */
export type SurveyOptionCount = {
  __typename?: 'SurveyOptionCount';
  count: Scalars['Int']['output'];
  label: Scalars['String']['output'];
};

/** One question of a survey. */
export type SurveyQuestion = {
  __typename?: 'SurveyQuestion';
  id: Scalars['ID']['output'];
  kind: SurveyQuestionKind;
  /**
   * The choices, for SINGLE_CHOICE and MULTI_CHOICE (answers name them by position,
   * from 0).
   */
  options: Array<Scalars['String']['output']>;
  prompt: Scalars['String']['output'];
  required: Scalars['Boolean']['output'];
};

export type SurveyQuestionInput = {
  kind: SurveyQuestionKind;
  /** 2 to 10 choices for SINGLE_CHOICE and MULTI_CHOICE; none otherwise. */
  options?: Array<Scalars['String']['input']>;
  /** At most 500 characters. */
  prompt: Scalars['String']['input'];
  required?: Scalars['Boolean']['input'];
};

/** What a question asks for. */
export type SurveyQuestionKind =
  | 'MULTI_CHOICE'
  /** 1 (lowest) to 5. */
  | 'SCALE_1_5'
  | 'SINGLE_CHOICE'
  | 'TEXT';

/** What the answers to one question add up to. */
export type SurveyQuestionResult = {
  __typename?: 'SurveyQuestionResult';
  /** How many answered it. */
  answered: Scalars['Int']['output'];
  /** The scale's mean; null for other kinds or without answers. */
  average?: Maybe<Scalars['Float']['output']>;
  /** Per option, or per scale value from 1 to 5; empty for text. */
  options: Array<SurveyOptionCount>;
  question: SurveyQuestion;
  /** Text answers; none in a breakdown. */
  textAnswers: Array<SurveyTextAnswer>;
};

export type SurveyResults = {
  __typename?: 'SurveyResults';
  /**
   * The results per career stage or city; a group of fewer than 5 responses is not
   * shown.
   */
  breakdown: SurveyBreakdownResult;
  /**
   * The results as CSV (question, kind, answer, count): a row per option or scale
   * value, each scale's average, and each text answer without who gave it.
   */
  csv: Scalars['String']['output'];
  questions: Array<SurveyQuestionResult>;
  responseCount: Scalars['Int']['output'];
  survey: Survey;
};


export type SurveyResultsBreakdownArgs = {
  by: SurveyBreakdown;
};

/** A text answer; who gave it only in a survey that is not anonymous. */
export type SurveyTextAnswer = {
  __typename?: 'SurveyTextAnswer';
  member?: Maybe<Member>;
  text: Scalars['String']['output'];
};

/** What a report or an action is about. */
export type TargetKind =
  | 'EVENT'
  | 'MEMBER'
  | 'MESSAGE'
  | 'REPLY'
  | 'THREAD';

/** A conversation in a group. */
export type Thread = {
  __typename?: 'Thread';
  /** Posted anonymously, in a group that allows it. */
  anonymous: Scalars['Boolean']['output'];
  /**
   * Null when it was posted anonymously, for all but its author, the group's owners
   * and moderators, and community admins: show "Anonymous member".
   */
  author?: Maybe<Member>;
  /**
   * Plain text with simple markdown; clients render it, the server never makes HTML.
   * Empty while collapsed.
   */
  body: Scalars['String']['output'];
  /** Shown collapsed: she shields herself from one of its topics (in lists only). */
  collapsed: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  group: Group;
  /**
   * Reported by enough members and hidden from everyone but its author and the
   * group's moderators (who see this) until a moderator resolves the reports.
   */
  heldForReview: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  lastActivityAt: Scalars['DateTime']['output'];
  /** A locked thread takes no new replies. */
  locked: Scalars['Boolean']['output'];
  pinned: Scalars['Boolean']['output'];
  /** Empty while collapsed. */
  reactions: Array<ReactionCount>;
  /**
   * A moderator removed its words: its title says so, its body is empty, it is
   * locked; its replies stay.
   */
  removedByModerator: Scalars['Boolean']['output'];
  /** Replies, oldest first; none while collapsed (she opens it by id to read them). */
  replies: ReplyConnection;
  replyCount: Scalars['Int']['output'];
  /** The sensitive topics it touches, set by its author or a moderator. */
  sensitiveTopics: Array<SensitiveTopic>;
  /** Empty while collapsed. */
  tags: Array<Scalars['String']['output']>;
  /**
   * In a list, a thread on a topic she shields herself from reads "Sensitive topic:
   * …" (open it by id to read it).
   */
  title: Scalars['String']['output'];
  /** Whether the viewer may reply: she belongs to the group and the thread is open. */
  viewerCanReply: Scalars['Boolean']['output'];
  viewerFollows: Scalars['Boolean']['output'];
};


/** A conversation in a group. */
export type ThreadRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type ThreadConnection = {
  __typename?: 'ThreadConnection';
  /** A list of edges. */
  edges: Array<ThreadEdge>;
  /** A list of nodes. */
  nodes: Array<Thread>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type ThreadEdge = {
  __typename?: 'ThreadEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Thread;
};

/** Thread lists' orders. */
export type ThreadOrder =
  /** Most recent reply first. */
  | 'ACTIVITY'
  /** Most recently started first. */
  | 'NEWEST';

export type ThreadRefInput = {
  threadId: Scalars['ID']['input'];
};

/** One change, with the reply or thread as the viewer now sees it. */
export type ThreadUpdate = {
  __typename?: 'ThreadUpdate';
  /** The position of `reply`, to resume from with `after`. */
  cursor?: Maybe<Scalars['String']['output']>;
  kind: ThreadUpdateKind;
  reply?: Maybe<Reply>;
  thread?: Maybe<Thread>;
};

/** What changed in a thread. */
export type ThreadUpdateKind =
  | 'REACTIONS_CHANGED'
  | 'REPLY_DELETED'
  | 'REPLY_EDITED'
  | 'REPLY_POSTED'
  /** Updates were missed (the client fell behind): fetch replies after your last cursor. */
  | 'RESYNC'
  /** Pinned, locked or edited. */
  | 'THREAD_UPDATED';

/** A time to meet. */
export type TimeRangeInput = {
  endsAt: Scalars['DateTime']['input'];
  startsAt: Scalars['DateTime']['input'];
};

/**
 * Changes to an event; fields left out stay as they are. The optional ones (location,
 * city, online link, capacity, childcare capacity) are cleared by an explicit null,
 * e.g. `capacity: null` for no seat limit.
 */
export type UpdateEventInput = {
  capacity?: InputMaybe<Scalars['Int']['input']>;
  childcareCapacity?: InputMaybe<Scalars['Int']['input']>;
  childcareProvided?: InputMaybe<Scalars['Boolean']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  costCents?: InputMaybe<Scalars['Int']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  eventId: Scalars['ID']['input'];
  kidsWelcome?: InputMaybe<Scalars['Boolean']['input']>;
  location?: InputMaybe<Scalars['String']['input']>;
  onlineUrl?: InputMaybe<Scalars['String']['input']>;
  startsAt?: InputMaybe<Scalars['DateTime']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to her own profile; fields left out stay as they are, blank text clears. */
export type UpdateProfileInput = {
  /** An https link to her picture. */
  avatarUrl?: InputMaybe<Scalars['String']['input']>;
  bio?: InputMaybe<Scalars['String']['input']>;
  careerStage?: InputMaybe<CareerStage>;
  /** Replaces her children (at most 12). */
  children?: InputMaybe<Array<ChildInput>>;
  city?: InputMaybe<Scalars['String']['input']>;
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** 2 to 30 letters, digits or underscores; others @mention her by it. */
  handle?: InputMaybe<Scalars['String']['input']>;
  headline?: InputMaybe<Scalars['String']['input']>;
  industry?: InputMaybe<Scalars['String']['input']>;
  /** Up to 20 short tags. */
  interests?: InputMaybe<Array<Scalars['String']['input']>>;
  neighbourhood?: InputMaybe<Scalars['String']['input']>;
  /** A set: at most 4 entries, a repeated kind counted once. */
  openTo?: InputMaybe<Array<OpenTo>>;
  returnToWorkDate?: InputMaybe<Scalars['NaiveDate']['input']>;
  /** IANA time zone, e.g. America/Toronto. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  /** Who sees each field: at most one entry per field. */
  visibility?: InputMaybe<Array<FieldVisibilityInput>>;
};

/** Who sees a personal field. */
export type Visibility =
  /** Members she is connected with. */
  | 'CONNECTIONS'
  /** Every signed-in member. */
  | 'MEMBERS'
  /** Nobody but her. */
  | 'ONLY_ME';

/** Where the work is done. */
export type Workplace =
  | 'HYBRID'
  | 'ON_SITE'
  | 'REMOTE';

export type VerifyEmailMutationVariables = Exact<{
  input: LinkTokenInput;
}>;


export type VerifyEmailMutation = { __typename?: 'Mutation', verifyEmail: { __typename?: 'AccountPayload', ok: boolean } };

export type ResendVerificationMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationMutation = { __typename?: 'Mutation', resendVerification: { __typename?: 'AccountPayload', ok: boolean } };

export type RequestPasswordResetMutationVariables = Exact<{
  input: RequestPasswordResetInput;
}>;


export type RequestPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset: { __typename?: 'AccountPayload', ok: boolean } };

export type ResetPasswordMutationVariables = Exact<{
  input: ResetPasswordInput;
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: { __typename?: 'AccountPayload', ok: boolean } };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { __typename?: 'Mutation', changePassword: { __typename?: 'SignOutPayload', sessionsEnded: number } };

export type ChangeEmailMutationVariables = Exact<{
  input: ChangeEmailInput;
}>;


export type ChangeEmailMutation = { __typename?: 'Mutation', changeEmail: { __typename?: 'AccountPayload', ok: boolean } };

export type ConfirmEmailChangeMutationVariables = Exact<{
  input: LinkTokenInput;
}>;


export type ConfirmEmailChangeMutation = { __typename?: 'Mutation', confirmEmailChange: { __typename?: 'AccountPayload', ok: boolean } };

export type DeleteAccountMutationVariables = Exact<{
  input: DeleteAccountInput;
}>;


export type DeleteAccountMutation = { __typename?: 'Mutation', deleteAccount: { __typename?: 'DeleteAccountPayload', deleted: boolean } };

export type RequestDataExportMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestDataExportMutation = { __typename?: 'Mutation', requestDataExport: { __typename?: 'RequestDataExportPayload', requested: boolean } };

export type CoffeeChatTimeItemFragment = { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string };

export type CoffeeChatItemFragment = { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null };

export type MyCoffeeChatsQueryVariables = Exact<{
  status?: InputMaybe<CoffeeChatStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyCoffeeChatsQuery = { __typename?: 'Query', myCoffeeChats: { __typename?: 'CoffeeChatConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'CoffeeChatEdge', cursor: string, node: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } }> } };

export type CoffeeChatQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CoffeeChatQuery = { __typename?: 'Query', coffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type ProposeCoffeeChatMutationVariables = Exact<{
  input: ProposeCoffeeChatInput;
}>;


export type ProposeCoffeeChatMutation = { __typename?: 'Mutation', proposeCoffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type AcceptCoffeeChatMutationVariables = Exact<{
  input: AcceptCoffeeChatInput;
}>;


export type AcceptCoffeeChatMutation = { __typename?: 'Mutation', acceptCoffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type DeclineCoffeeChatMutationVariables = Exact<{
  input: CoffeeChatInput;
}>;


export type DeclineCoffeeChatMutation = { __typename?: 'Mutation', declineCoffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type CancelCoffeeChatMutationVariables = Exact<{
  input: CoffeeChatInput;
}>;


export type CancelCoffeeChatMutation = { __typename?: 'Mutation', cancelCoffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type RescheduleCoffeeChatMutationVariables = Exact<{
  input: RescheduleCoffeeChatInput;
}>;


export type RescheduleCoffeeChatMutation = { __typename?: 'Mutation', rescheduleCoffeeChat: { __typename?: 'CoffeeChat', id: string, status: CoffeeChatStatus, awaitingMe: boolean, timeZone: string, place?: string | null, onlineUrl?: string | null, note: string, createdAt: string, updatedAt: string, proposedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, with: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, slots: Array<{ __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string }>, time?: { __typename?: 'CoffeeChatTime', startsAt: string, endsAt: string, localStart: string, localEnd: string } | null } };

export type MemberCardFragment = { __typename?: 'Member', headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, openTo?: Array<OpenTo> | null, connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null };

export type MembersQueryVariables = Exact<{
  filter?: InputMaybe<MemberFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MembersQuery = { __typename?: 'Query', members: { __typename?: 'MemberConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MemberEdge', cursor: string, node: { __typename?: 'Member', headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, openTo?: Array<OpenTo> | null, connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null } }> } };

export type RsvpStateFragment = { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null };

export type EventSummaryFragment = { __typename?: 'Event', id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, group: { __typename?: 'Group', id: string, name: string }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus } | null };

export type EventDetailFragment = { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } };

export type EventQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EventQuery = { __typename?: 'Query', event: { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, attendees: { __typename?: 'MemberConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MemberEdge', cursor: string, node: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } }> }, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type EventsQueryVariables = Exact<{
  filter?: InputMaybe<EventsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type EventsQuery = { __typename?: 'Query', events: { __typename?: 'EventConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'EventEdge', cursor: string, node: { __typename?: 'Event', id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, group: { __typename?: 'Group', id: string, name: string }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus } | null } }> } };

export type MyEventsQueryVariables = Exact<{
  filter?: InputMaybe<EventsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyEventsQuery = { __typename?: 'Query', myEvents: { __typename?: 'EventConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'EventEdge', cursor: string, node: { __typename?: 'Event', id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, group: { __typename?: 'Group', id: string, name: string }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus } | null } }> } };

export type CreateEventMutationVariables = Exact<{
  input: CreateEventInput;
}>;


export type CreateEventMutation = { __typename?: 'Mutation', createEvent: { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type UpdateEventMutationVariables = Exact<{
  input: UpdateEventInput;
}>;


export type UpdateEventMutation = { __typename?: 'Mutation', updateEvent: { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type CancelEventMutationVariables = Exact<{
  input: EventRefInput;
}>;


export type CancelEventMutation = { __typename?: 'Mutation', cancelEvent: { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type RsvpMutationVariables = Exact<{
  input: RsvpInput;
}>;


export type RsvpMutation = { __typename?: 'Mutation', rsvp: { __typename?: 'Event', description: string, location?: string | null, onlineUrl?: string | null, capacity?: number | null, waitlistCount: number, childcareCapacity?: number | null, childcarePlacesLeft?: number | null, cancelledAt?: string | null, createdAt: string, icsPath: string, id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, organiser: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus, kids: number, waitlistPosition?: number | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type CreateCalendarFeedMutationVariables = Exact<{ [key: string]: never; }>;


export type CreateCalendarFeedMutation = { __typename?: 'Mutation', createCalendarFeed: { __typename?: 'CalendarFeed', path: string } };

export type GroupSummaryFragment = { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null };

export type JoinRequestStateFragment = { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string };

export type JoinRequestItemFragment = { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type GroupDetailFragment = { __typename?: 'Group', joinQuestions: Array<string>, createdAt: string, id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null, viewerJoinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null };

export type GroupMemberItemFragment = { __typename?: 'GroupMember', role: GroupRole, joinedAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type GroupQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<ThreadOrder>;
  withThreads?: Scalars['Boolean']['input'];
}>;


export type GroupQuery = { __typename?: 'Query', group: { __typename?: 'Group', joinQuestions: Array<string>, createdAt: string, id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null, pinnedThreads?: Array<{ __typename?: 'Thread', id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } }> | null, threads?: { __typename?: 'ThreadConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ThreadEdge', cursor: string, node: { __typename?: 'Thread', id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } }> } | null, viewerJoinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null } };

export type GroupMembersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type GroupMembersQuery = { __typename?: 'Query', group: { __typename?: 'Group', id: string, members?: { __typename?: 'GroupMemberConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'GroupMemberEdge', cursor: string, node: { __typename?: 'GroupMember', role: GroupRole, joinedAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> } | null } };

export type GroupJoinRequestsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type GroupJoinRequestsQuery = { __typename?: 'Query', group: { __typename?: 'Group', id: string, joinRequests: { __typename?: 'JoinRequestConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'JoinRequestEdge', cursor: string, node: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> } } };

export type GroupsQueryVariables = Exact<{
  filter?: InputMaybe<GroupFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type GroupsQuery = { __typename?: 'Query', groups: { __typename?: 'GroupConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'GroupEdge', cursor: string, node: { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null } }> } };

export type MyGroupsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyGroupsQuery = { __typename?: 'Query', myGroups: { __typename?: 'GroupConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'GroupEdge', cursor: string, node: { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null } }> } };

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { __typename?: 'Mutation', createGroup: { __typename?: 'Group', joinQuestions: Array<string>, createdAt: string, id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null, viewerJoinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null } };

export type JoinGroupMutationVariables = Exact<{
  input: JoinGroupInput;
}>;


export type JoinGroupMutation = { __typename?: 'Mutation', joinGroup: { __typename?: 'JoinGroupPayload', joined: boolean, group: { __typename?: 'Group', joinQuestions: Array<string>, createdAt: string, id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null, viewerJoinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null }, joinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null } };

export type LeaveGroupMutationVariables = Exact<{
  input: GroupRefInput;
}>;


export type LeaveGroupMutation = { __typename?: 'Mutation', leaveGroup: { __typename?: 'Group', joinQuestions: Array<string>, createdAt: string, id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null, viewerJoinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string } | null } };

export type ApproveJoinRequestMutationVariables = Exact<{
  input: JoinRequestRefInput;
}>;


export type ApproveJoinRequestMutation = { __typename?: 'Mutation', approveJoinRequest: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type DeclineJoinRequestMutationVariables = Exact<{
  input: JoinRequestRefInput;
}>;


export type DeclineJoinRequestMutation = { __typename?: 'Mutation', declineJoinRequest: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type InviteToGroupMutationVariables = Exact<{
  input: GroupMemberInput;
}>;


export type InviteToGroupMutation = { __typename?: 'Mutation', inviteToGroup: { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null } };

export type SetMemberRoleMutationVariables = Exact<{
  input: SetMemberRoleInput;
}>;


export type SetMemberRoleMutation = { __typename?: 'Mutation', setMemberRole: { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null } };

export type RemoveMemberMutationVariables = Exact<{
  input: GroupMemberInput;
}>;


export type RemoveMemberMutation = { __typename?: 'Mutation', removeMember: { __typename?: 'Group', id: string, name: string, description: string, visibility: GroupVisibility, joinPolicy: JoinPolicy, memberCount?: number | null, approximateMemberCount: number, viewerRole?: GroupRole | null } };

export type GroupActivitySubscriptionVariables = Exact<{
  groupId: Scalars['ID']['input'];
}>;


export type GroupActivitySubscription = { __typename?: 'Subscription', groupActivity: { __typename?: 'GroupActivity', kind: GroupActivityKind, thread?: { __typename?: 'Thread', id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } | null, event?: { __typename?: 'Event', id: string, title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, isOnline: boolean, goingCount: number, seatsLeft?: number | null, kidsWelcome: boolean, childcareProvided: boolean, costCents: number, cancelled: boolean, group: { __typename?: 'Group', id: string, name: string }, viewerRsvp?: { __typename?: 'Rsvp', status: RsvpStatus } | null } | null, member?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, joinRequest?: { __typename?: 'JoinRequest', id: string, status: JoinRequestStatus, answers: Array<string>, createdAt: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } | null } };

export type JobItemFragment = { __typename?: 'JobPost', id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type JobDetailFragment = { __typename?: 'JobPost', url?: string | null, description: string, closedAt?: string | null, updatedAt: string, id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, group?: { __typename?: 'Group', id: string, name: string } | null, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type JobsQueryVariables = Exact<{
  filter?: InputMaybe<JobFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type JobsQuery = { __typename?: 'Query', jobs: { __typename?: 'JobPostConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'JobPostEdge', cursor: string, node: { __typename?: 'JobPost', id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> } };

export type JobQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type JobQuery = { __typename?: 'Query', job: { __typename?: 'JobPost', url?: string | null, description: string, closedAt?: string | null, updatedAt: string, id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, group?: { __typename?: 'Group', id: string, name: string } | null, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type SavedJobsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SavedJobsQuery = { __typename?: 'Query', savedJobs: { __typename?: 'JobPostConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'JobPostEdge', cursor: string, node: { __typename?: 'JobPost', id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> } };

export type PostJobMutationVariables = Exact<{
  input: PostJobInput;
}>;


export type PostJobMutation = { __typename?: 'Mutation', postJob: { __typename?: 'JobPost', url?: string | null, description: string, closedAt?: string | null, updatedAt: string, id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, group?: { __typename?: 'Group', id: string, name: string } | null, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type EditJobMutationVariables = Exact<{
  input: EditJobInput;
}>;


export type EditJobMutation = { __typename?: 'Mutation', editJob: { __typename?: 'JobPost', url?: string | null, description: string, closedAt?: string | null, updatedAt: string, id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, group?: { __typename?: 'Group', id: string, name: string } | null, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type CloseJobMutationVariables = Exact<{
  input: JobInput;
}>;


export type CloseJobMutation = { __typename?: 'Mutation', closeJob: { __typename?: 'JobPost', url?: string | null, description: string, closedAt?: string | null, updatedAt: string, id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, group?: { __typename?: 'Group', id: string, name: string } | null, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type SaveJobMutationVariables = Exact<{
  input: JobInput;
}>;


export type SaveJobMutation = { __typename?: 'Mutation', saveJob: { __typename?: 'JobPost', id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type UnsaveJobMutationVariables = Exact<{
  input: JobInput;
}>;


export type UnsaveJobMutation = { __typename?: 'Mutation', unsaveJob: { __typename?: 'JobPost', id: string, title: string, company: string, location: string, workplace: Workplace, employment: Employment, flexibility: Array<Flexibility>, industry?: string | null, canRefer: boolean, status: JobStatus, saved: boolean, expiresAt: string, createdAt: string, postedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type AskForReferralMutationVariables = Exact<{
  input: AskForReferralInput;
}>;


export type AskForReferralMutation = { __typename?: 'Mutation', askForReferral: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type SubscribeToMailingListMutationVariables = Exact<{
  input: SubscribeToMailingListInput;
}>;


export type SubscribeToMailingListMutation = { __typename?: 'Mutation', subscribeToMailingList: { __typename?: 'MailingListPayload', ok: boolean } };

export type ConfirmMailingListMutationVariables = Exact<{
  input: ConfirmMailingListInput;
}>;


export type ConfirmMailingListMutation = { __typename?: 'Mutation', confirmMailingList: { __typename?: 'MailingListPayload', ok: boolean } };

export type JoinMailingListMutationVariables = Exact<{
  input: JoinMailingListInput;
}>;


export type JoinMailingListMutation = { __typename?: 'Mutation', joinMailingList: { __typename?: 'MailingListPayload', ok: boolean } };

export type SendNewsletterMutationVariables = Exact<{
  input: SendNewsletterInput;
}>;


export type SendNewsletterMutation = { __typename?: 'Mutation', sendNewsletter: { __typename?: 'SendNewsletterPayload', newsletterId: string } };

export type NewslettersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type NewslettersQuery = { __typename?: 'Query', newsletters: Array<{ __typename?: 'Newsletter', id: string, subject: string, createdAt: string, recipients: number, finishedAt?: string | null }> };

export type MessageItemFragment = { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type ConversationSummaryFragment = { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> };

export type ConversationListItemFragment = { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }>, latest: { __typename?: 'MessageConnection', edges: Array<{ __typename?: 'MessageEdge', node: { __typename?: 'Message', body: string, author: { __typename?: 'Member', id: string } } }> } };

export type ConversationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationsQuery = { __typename?: 'Query', conversations: { __typename?: 'ConversationConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ConversationEdge', cursor: string, node: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }>, latest: { __typename?: 'MessageConnection', edges: Array<{ __typename?: 'MessageEdge', node: { __typename?: 'Message', body: string, author: { __typename?: 'Member', id: string } } }> } } }> } };

export type MessageRequestsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MessageRequestsQuery = { __typename?: 'Query', messageRequests: { __typename?: 'ConversationConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ConversationEdge', cursor: string, node: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }>, latest: { __typename?: 'MessageConnection', edges: Array<{ __typename?: 'MessageEdge', node: { __typename?: 'Message', body: string, author: { __typename?: 'Member', id: string } } }> } } }> } };

export type ConversationQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationQuery = { __typename?: 'Query', conversation: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, messages: { __typename?: 'MessageConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MessageEdge', cursor: string, node: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> }, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type ConversationLatestMessagesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationLatestMessagesQuery = { __typename?: 'Query', conversation: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, messages: { __typename?: 'MessageConnection', pageInfo: { __typename?: 'PageInfo', hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'MessageEdge', cursor: string, node: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> }, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type AcceptsMessageRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type AcceptsMessageRequestsQuery = { __typename?: 'Query', acceptsMessageRequests: boolean };

export type ShowsMessagePreviewsQueryVariables = Exact<{ [key: string]: never; }>;


export type ShowsMessagePreviewsQuery = { __typename?: 'Query', showsMessagePreviews: boolean };

export type StartConversationMutationVariables = Exact<{
  input: StartConversationInput;
}>;


export type StartConversationMutation = { __typename?: 'Mutation', startConversation: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type SendMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendMessageMutation = { __typename?: 'Mutation', sendMessage: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type AcceptMessageRequestMutationVariables = Exact<{
  input: ConversationInput;
}>;


export type AcceptMessageRequestMutation = { __typename?: 'Mutation', acceptMessageRequest: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type DeclineMessageRequestMutationVariables = Exact<{
  input: ConversationInput;
}>;


export type DeclineMessageRequestMutation = { __typename?: 'Mutation', declineMessageRequest: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type MarkConversationReadMutationVariables = Exact<{
  input: MarkConversationReadInput;
}>;


export type MarkConversationReadMutation = { __typename?: 'Mutation', markConversationRead: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type LeaveConversationMutationVariables = Exact<{
  input: ConversationInput;
}>;


export type LeaveConversationMutation = { __typename?: 'Mutation', leaveConversation: { __typename?: 'LeaveConversationPayload', conversationId: string } };

export type MuteConversationMutationVariables = Exact<{
  input: MuteConversationInput;
}>;


export type MuteConversationMutation = { __typename?: 'Mutation', muteConversation: { __typename?: 'Conversation', id: string, standing: Standing, unreadCount: number, mutedUntil?: string | null, readOnly: boolean, createdAt: string, lastMessageAt: string, startedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, members: Array<{ __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }> } };

export type SetMessageRequestsMutationVariables = Exact<{
  input: SetMessageRequestsInput;
}>;


export type SetMessageRequestsMutation = { __typename?: 'Mutation', setMessageRequests: boolean };

export type SetMessagePreviewsMutationVariables = Exact<{
  input: SetMessagePreviewsInput;
}>;


export type SetMessagePreviewsMutation = { __typename?: 'Mutation', setMessagePreviews: boolean };

export type ConversationUpdatesSubscriptionVariables = Exact<{
  conversationId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ConversationUpdatesSubscription = { __typename?: 'Subscription', conversationUpdates: { __typename?: 'ConversationUpdate', kind: ConversationUpdateKind, cursor?: string | null, message?: { __typename?: 'Message', id: string, conversationId: string, body: string, jobId?: string | null, createdAt: string, author: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } | null } };

export type ReportItemFragment = { __typename?: 'Report', id: string, targetKind: TargetKind, targetId: string, reason: ReportReason, note: string, status: ReportStatus, action?: ModerationAction | null, createdAt: string, resolvedAt?: string | null };

export type ReportMutationVariables = Exact<{
  input: ReportInput;
}>;


export type ReportMutation = { __typename?: 'Mutation', report: { __typename?: 'Report', id: string, targetKind: TargetKind, targetId: string, reason: ReportReason, note: string, status: ReportStatus, action?: ModerationAction | null, createdAt: string, resolvedAt?: string | null } };

export type MyReportsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type MyReportsQuery = { __typename?: 'Query', myReports: { __typename?: 'ReportConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ReportEdge', node: { __typename?: 'Report', id: string, targetKind: TargetKind, targetId: string, reason: ReportReason, note: string, status: ReportStatus, action?: ModerationAction | null, createdAt: string, resolvedAt?: string | null } }> } };

export type ModerationQueueQueryVariables = Exact<{
  filter?: InputMaybe<ModerationQueueFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ModerationQueueQuery = { __typename?: 'Query', moderationQueue: { __typename?: 'QueueItemConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'QueueItemEdge', node: { __typename?: 'QueueItem', targetKind: TargetKind, targetId: string, groupId?: string | null, status: ReportStatus, reportCount: number, latestReportAt: string, subject?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reports: Array<{ __typename?: 'Report', id: string, targetKind: TargetKind, targetId: string, reason: ReportReason, note: string, status: ReportStatus, action?: ModerationAction | null, createdAt: string, resolvedAt?: string | null, reporter?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null }> } }> } };

export type ResolveReportMutationVariables = Exact<{
  input: ResolveReportInput;
}>;


export type ResolveReportMutation = { __typename?: 'Mutation', resolveReport: { __typename?: 'Report', id: string, targetKind: TargetKind, targetId: string, reason: ReportReason, note: string, status: ReportStatus, action?: ModerationAction | null, createdAt: string, resolvedAt?: string | null } };

export type ModerationLogQueryVariables = Exact<{
  groupId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ModerationLogQuery = { __typename?: 'Query', moderationLog: { __typename?: 'LogEntryConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'LogEntryEdge', node: { __typename?: 'LogEntry', id: string, action: LogAction, targetKind?: TargetKind | null, targetId?: string | null, groupId?: string | null, note: string, until?: string | null, createdAt: string, actor?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, subject?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null } }> } };

export type ShieldedTopicsQueryVariables = Exact<{ [key: string]: never; }>;


export type ShieldedTopicsQuery = { __typename?: 'Query', shieldedTopics: Array<SensitiveTopic> };

export type SetShieldedTopicsMutationVariables = Exact<{
  topics: Array<SensitiveTopic> | SensitiveTopic;
}>;


export type SetShieldedTopicsMutation = { __typename?: 'Mutation', setShieldedTopics: Array<SensitiveTopic> };

export type SetThreadSensitiveTopicsMutationVariables = Exact<{
  threadId: Scalars['ID']['input'];
  topics: Array<SensitiveTopic> | SensitiveTopic;
}>;


export type SetThreadSensitiveTopicsMutation = { __typename?: 'Mutation', setThreadSensitiveTopics: { __typename?: 'Thread', id: string, sensitiveTopics: Array<SensitiveTopic> } };

export type GroupAnonymousPostsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type GroupAnonymousPostsQuery = { __typename?: 'Query', group: { __typename?: 'Group', id: string, allowAnonymousPosts: boolean } };

export type SetAnonymousPostsMutationVariables = Exact<{
  input: SetAnonymousPostsInput;
}>;


export type SetAnonymousPostsMutation = { __typename?: 'Mutation', setAnonymousPosts: { __typename?: 'Group', id: string, allowAnonymousPosts: boolean } };

export type NotificationItemFragment = { __typename?: 'Notification', id: string, kind: NotificationKind, title: string, count: number, groupId?: string | null, threadId?: string | null, replyId?: string | null, eventId?: string | null, conversationId?: string | null, messageId?: string | null, read: boolean, createdAt: string, updatedAt: string, actor?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null };

export type NotificationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type NotificationsQuery = { __typename?: 'Query', notifications: { __typename?: 'NotificationConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'NotificationEdge', cursor: string, node: { __typename?: 'Notification', id: string, kind: NotificationKind, title: string, count: number, groupId?: string | null, threadId?: string | null, replyId?: string | null, eventId?: string | null, conversationId?: string | null, messageId?: string | null, read: boolean, createdAt: string, updatedAt: string, actor?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null } }> } };

export type UnreadNotificationCountQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadNotificationCountQuery = { __typename?: 'Query', unreadNotificationCount: number };

export type MarkNotificationsReadMutationVariables = Exact<{
  input: MarkNotificationsReadInput;
}>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: { __typename?: 'MarkNotificationsReadPayload', marked: number, unreadCount: number } };

export type NotificationEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationEventsSubscription = { __typename?: 'Subscription', notificationEvents: { __typename?: 'NotificationEvent', kind: NotificationEventKind, notificationId?: string | null, unreadCount?: number | null } };

export type NotificationProgramsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type NotificationProgramsQuery = { __typename?: 'Query', notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: NotificationKind, programId?: string | null } }> } };

export type NotificationPreferenceItemFragment = { __typename?: 'NotificationPreference', kind: NotificationKind, inApp: boolean, push: boolean, email: boolean };

export type MuteStateFragment = { __typename?: 'MutePayload', subjectId: string, muted: boolean, until?: string | null };

export type QuietHoursSettingsFragment = { __typename?: 'QuietHours', timeZone: string, windows: Array<{ __typename?: 'QuietWindow', start: string, end: string }> };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { __typename?: 'Query', notificationPreferences: Array<{ __typename?: 'NotificationPreference', kind: NotificationKind, inApp: boolean, push: boolean, email: boolean }> };

export type SetNotificationPreferenceMutationVariables = Exact<{
  input: SetNotificationPreferenceInput;
}>;


export type SetNotificationPreferenceMutation = { __typename?: 'Mutation', setNotificationPreference: Array<{ __typename?: 'NotificationPreference', kind: NotificationKind, inApp: boolean, push: boolean, email: boolean }> };

export type MuteThreadMutationVariables = Exact<{
  input: MuteThreadInput;
}>;


export type MuteThreadMutation = { __typename?: 'Mutation', muteThread: { __typename?: 'MutePayload', subjectId: string, muted: boolean, until?: string | null } };

export type UnmuteThreadMutationVariables = Exact<{
  input: ThreadRefInput;
}>;


export type UnmuteThreadMutation = { __typename?: 'Mutation', unmuteThread: { __typename?: 'MutePayload', subjectId: string, muted: boolean, until?: string | null } };

export type MuteGroupMutationVariables = Exact<{
  input: MuteGroupInput;
}>;


export type MuteGroupMutation = { __typename?: 'Mutation', muteGroup: { __typename?: 'MutePayload', subjectId: string, muted: boolean, until?: string | null } };

export type UnmuteGroupMutationVariables = Exact<{
  input: GroupRefInput;
}>;


export type UnmuteGroupMutation = { __typename?: 'Mutation', unmuteGroup: { __typename?: 'MutePayload', subjectId: string, muted: boolean, until?: string | null } };

export type QuietHoursQueryVariables = Exact<{ [key: string]: never; }>;


export type QuietHoursQuery = { __typename?: 'Query', quietHours: { __typename?: 'QuietHours', timeZone: string, windows: Array<{ __typename?: 'QuietWindow', start: string, end: string }> } };

export type SetQuietHoursMutationVariables = Exact<{
  input: SetQuietHoursInput;
}>;


export type SetQuietHoursMutation = { __typename?: 'Mutation', setQuietHours: { __typename?: 'QuietHours', timeZone: string, windows: Array<{ __typename?: 'QuietWindow', start: string, end: string }> } };

export type DigestSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type DigestSettingsQuery = { __typename?: 'Query', digestSettings: { __typename?: 'DigestSettings', frequency: DigestFrequency, hour: number, nextAt?: string | null } };

export type SetDigestMutationVariables = Exact<{
  input: SetDigestInput;
}>;


export type SetDigestMutation = { __typename?: 'Mutation', setDigest: { __typename?: 'DigestSettings', frequency: DigestFrequency, hour: number, nextAt?: string | null } };

export type ChildSummaryFragment = { __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null };

export type ProfileDetailFragment = { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, createdAt: string, timezone?: string | null, headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, returnToWorkDate?: string | null, interests?: Array<string> | null, openTo?: Array<OpenTo> | null, bio?: string | null, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null };

export type OwnProfileFragment = { __typename?: 'Member', email?: string | null, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, createdAt: string, timezone?: string | null, headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, returnToWorkDate?: string | null, interests?: Array<string> | null, openTo?: Array<OpenTo> | null, bio?: string | null, fieldVisibility: Array<{ __typename?: 'FieldVisibility', field: ProfileField, visibility: Visibility }>, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null };

export type ConnectionChangeFragment = { __typename?: 'ConnectionPayload', status: ConnectionStatus, member: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type MyProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyProfileQuery = { __typename?: 'Query', me: { __typename?: 'Member', email?: string | null, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, createdAt: string, timezone?: string | null, headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, returnToWorkDate?: string | null, interests?: Array<string> | null, openTo?: Array<OpenTo> | null, bio?: string | null, fieldVisibility: Array<{ __typename?: 'FieldVisibility', field: ProfileField, visibility: Visibility }>, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null } };

export type MemberProfileQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type MemberProfileQuery = { __typename?: 'Query', member: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, createdAt: string, timezone?: string | null, headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, returnToWorkDate?: string | null, interests?: Array<string> | null, openTo?: Array<OpenTo> | null, bio?: string | null, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null } };

export type UpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type UpdateProfileMutation = { __typename?: 'Mutation', updateProfile: { __typename?: 'Member', email?: string | null, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null, createdAt: string, timezone?: string | null, headline?: string | null, industry?: string | null, city?: string | null, neighbourhood?: string | null, careerStage?: CareerStage | null, returnToWorkDate?: string | null, interests?: Array<string> | null, openTo?: Array<OpenTo> | null, bio?: string | null, fieldVisibility: Array<{ __typename?: 'FieldVisibility', field: ProfileField, visibility: Visibility }>, children?: Array<{ __typename?: 'Child', bornYear?: number | null, bornMonth?: number | null, dueDate?: string | null, ageMonths?: number | null }> | null } };

export type RequestConnectionMutationVariables = Exact<{
  input: MemberRefInput;
}>;


export type RequestConnectionMutation = { __typename?: 'Mutation', requestConnection: { __typename?: 'ConnectionPayload', status: ConnectionStatus, member: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type AcceptConnectionMutationVariables = Exact<{
  input: MemberRefInput;
}>;


export type AcceptConnectionMutation = { __typename?: 'Mutation', acceptConnection: { __typename?: 'ConnectionPayload', status: ConnectionStatus, member: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type RemoveConnectionMutationVariables = Exact<{
  input: MemberRefInput;
}>;


export type RemoveConnectionMutation = { __typename?: 'Mutation', removeConnection: { __typename?: 'ConnectionPayload', status: ConnectionStatus, member: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } };

export type BlockMemberMutationVariables = Exact<{
  input: MemberRefInput;
}>;


export type BlockMemberMutation = { __typename?: 'Mutation', blockMember: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type UnblockMemberMutationVariables = Exact<{
  input: MemberRefInput;
}>;


export type UnblockMemberMutation = { __typename?: 'Mutation', unblockMember: { __typename?: 'Member', connectionStatus: ConnectionStatus, id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } };

export type ProgramSummaryFragment = { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null };

export type ProgramsQueryVariables = Exact<{
  filter?: InputMaybe<ProgramsFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProgramsQuery = { __typename?: 'Query', programs: { __typename?: 'ProgramConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ProgramEdge', node: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } }> } };

export type ProgramQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProgramQuery = { __typename?: 'Query', program: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, organiser: { __typename?: 'Member', id: string, displayName: string }, cohort?: { __typename?: 'Group', id: string, name: string } | null, sessions: Array<{ __typename?: 'ProgramSession', title: string, startsAt: string, endsAt: string, timezone: string, city?: string | null, online: boolean, cancelled: boolean, event?: { __typename?: 'Event', id: string, location?: string | null, onlineUrl?: string | null } | null }>, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } };

export type CreateProgramMutationVariables = Exact<{
  input: CreateProgramInput;
}>;


export type CreateProgramMutation = { __typename?: 'Mutation', createProgram: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, cohort?: { __typename?: 'Group', id: string } | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } };

export type EnrollInProgramMutationVariables = Exact<{
  input: EnrollInProgramInput;
}>;


export type EnrollInProgramMutation = { __typename?: 'Mutation', enrollInProgram: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, cohort?: { __typename?: 'Group', id: string } | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } };

export type LeaveProgramMutationVariables = Exact<{
  input: ProgramRefInput;
}>;


export type LeaveProgramMutation = { __typename?: 'Mutation', leaveProgram: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } };

export type RemoveFromProgramMutationVariables = Exact<{
  input: RemoveFromProgramInput;
}>;


export type RemoveFromProgramMutation = { __typename?: 'Mutation', removeFromProgram: { __typename?: 'Program', id: string, title: string, description: string, lifeStage: CareerStage, capacity: number, enrolledCount: number, waitlistCount: number, startsAt?: string | null, endsAt?: string | null, group?: { __typename?: 'Group', id: string, name: string } | null, viewerEnrollment?: { __typename?: 'ProgramEnrollment', status: EnrollmentStatus, waitlistPosition?: number | null } | null } };

export type VapidPublicKeyQueryVariables = Exact<{ [key: string]: never; }>;


export type VapidPublicKeyQuery = { __typename?: 'Query', vapidPublicKey: string };

export type MyPushSubscriptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyPushSubscriptionsQuery = { __typename?: 'Query', myPushSubscriptions: Array<{ __typename?: 'PushSubscription', id: string, endpoint: string, userAgent?: string | null, createdAt: string }> };

export type PushDeviceFragment = { __typename?: 'PushSubscription', id: string, endpoint: string, userAgent?: string | null, createdAt: string };

export type RegisterPushSubscriptionMutationVariables = Exact<{
  input: RegisterPushSubscriptionInput;
}>;


export type RegisterPushSubscriptionMutation = { __typename?: 'Mutation', registerPushSubscription: { __typename?: 'PushSubscription', id: string, endpoint: string, userAgent?: string | null, createdAt: string } };

export type RemovePushSubscriptionMutationVariables = Exact<{
  input: RemovePushSubscriptionInput;
}>;


export type RemovePushSubscriptionMutation = { __typename?: 'Mutation', removePushSubscription: { __typename?: 'RemovePushSubscriptionPayload', removedId: string } };

export type NativePushDeviceFragment = { __typename: 'NativeDevice', id: string, transport: PushTransport, name?: string | null, appId: string, environment?: PushEnvironment | null, createdAt: string };

export type RegisterDeviceMutationVariables = Exact<{
  input: RegisterDeviceInput;
}>;


export type RegisterDeviceMutation = { __typename?: 'Mutation', registerDevice: { __typename: 'NativeDevice', id: string, transport: PushTransport, name?: string | null, appId: string, environment?: PushEnvironment | null, createdAt: string } };

export type RemoveDeviceMutationVariables = Exact<{
  input: RemoveDeviceInput;
}>;


export type RemoveDeviceMutation = { __typename?: 'Mutation', removeDevice: { __typename?: 'RemoveDevicePayload', removedId: string } };

export type MyDevicesQueryVariables = Exact<{ [key: string]: never; }>;


export type MyDevicesQuery = { __typename?: 'Query', myDevices: Array<{ __typename: 'NativeDevice', appId: string, environment?: PushEnvironment | null, id: string, transport: PushTransport, name?: string | null, createdAt: string } | { __typename: 'PushSubscription', endpoint: string, id: string, transport: PushTransport, name?: string | null, createdAt: string }> };

export type ResourceSummaryFragment = { __typename?: 'Resource', id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null };

export type ResourcesQueryVariables = Exact<{
  filter?: InputMaybe<ResourceFilterInput>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ResourcesQuery = { __typename?: 'Query', resources: { __typename?: 'ResourceRankedConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ResourceRankedEdge', node: { __typename?: 'Resource', id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null } }> } };

export type ResourceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResourceQuery = { __typename?: 'Query', resource: { __typename?: 'Resource', body?: string | null, updatedAt: string, id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, publishedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null }, editedBy?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group?: { __typename?: 'Group', id: string, name: string } | null } };

export type RecommendedResourcesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type RecommendedResourcesQuery = { __typename?: 'Query', recommendedResources: Array<{ __typename?: 'Resource', id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null }> };

export type BookmarksQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BookmarksQuery = { __typename?: 'Query', bookmarks: { __typename?: 'ResourceConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ResourceEdge', node: { __typename?: 'Resource', id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null } }> } };

export type BookmarkResourceMutationVariables = Exact<{
  input: ResourceInput;
}>;


export type BookmarkResourceMutation = { __typename?: 'Mutation', bookmarkResource: { __typename?: 'Resource', id: string, bookmarked: boolean } };

export type UnbookmarkResourceMutationVariables = Exact<{
  input: ResourceInput;
}>;


export type UnbookmarkResourceMutation = { __typename?: 'Mutation', unbookmarkResource?: { __typename?: 'Resource', id: string, bookmarked: boolean } | null };

export type PublishResourceMutationVariables = Exact<{
  input: PublishResourceInput;
}>;


export type PublishResourceMutation = { __typename?: 'Mutation', publishResource: { __typename?: 'Resource', body?: string | null, id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null } };

export type EditResourceMutationVariables = Exact<{
  input: EditResourceInput;
}>;


export type EditResourceMutation = { __typename?: 'Mutation', editResource: { __typename?: 'Resource', body?: string | null, id: string, title: string, summary: string, kind: ResourceKind, url?: string | null, topics: Array<string>, lifeStages: Array<CareerStage>, childAges: Array<ChildAge>, bookmarked: boolean, publishedAt: string, group?: { __typename?: 'Group', id: string, name: string } | null } };

export type UnpublishResourceMutationVariables = Exact<{
  input: ResourceInput;
}>;


export type UnpublishResourceMutation = { __typename?: 'Mutation', unpublishResource: string };

export type SuggestionItemFragment = { __typename?: 'ResourceSuggestion', id: string, url: string, note: string, status: ResourceSuggestionStatus, createdAt: string, reviewedAt?: string | null };

export type SuggestResourceMutationVariables = Exact<{
  input: SuggestResourceInput;
}>;


export type SuggestResourceMutation = { __typename?: 'Mutation', suggestResource: { __typename?: 'ResourceSuggestion', id: string, url: string, note: string, status: ResourceSuggestionStatus, createdAt: string, reviewedAt?: string | null } };

export type ResourceSuggestionsQueryVariables = Exact<{
  status?: InputMaybe<ResourceSuggestionStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ResourceSuggestionsQuery = { __typename?: 'Query', resourceSuggestions: { __typename?: 'ResourceSuggestionConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ResourceSuggestionEdge', node: { __typename?: 'ResourceSuggestion', id: string, url: string, note: string, status: ResourceSuggestionStatus, createdAt: string, reviewedAt?: string | null, suggestedBy: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } } }> } };

export type ReviewResourceSuggestionMutationVariables = Exact<{
  input: ReviewSuggestionInput;
}>;


export type ReviewResourceSuggestionMutation = { __typename?: 'Mutation', reviewResourceSuggestion: { __typename?: 'ResourceSuggestion', id: string, url: string, note: string, status: ResourceSuggestionStatus, createdAt: string, reviewedAt?: string | null } };

export type SessionFragment = { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, email?: string | null, emailVerified?: boolean | null } };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { __typename?: 'Mutation', signUp: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, email?: string | null, emailVerified?: boolean | null } } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', signIn: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, email?: string | null, emailVerified?: boolean | null } } };

export type RefreshSessionMutationVariables = Exact<{
  input: RefreshSessionInput;
}>;


export type RefreshSessionMutation = { __typename?: 'Mutation', refreshSession: { __typename?: 'AuthPayload', accessToken: string, accessTokenExpiresAt: string, refreshToken: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, email?: string | null, emailVerified?: boolean | null } } };

export type SignOutMutationVariables = Exact<{
  input?: InputMaybe<SignOutInput>;
}>;


export type SignOutMutation = { __typename?: 'Mutation', signOut: { __typename?: 'SignOutPayload', sessionsEnded: number } };

export type SignOutEverywhereMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutEverywhereMutation = { __typename?: 'Mutation', signOutEverywhere: { __typename?: 'SignOutPayload', sessionsEnded: number } };

export type SuggestedMembersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type SuggestedMembersQuery = { __typename?: 'Query', suggestedMembers: Array<{ __typename?: 'Suggestion', reasons: Array<string>, summary: string, member: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } }> };

export type DismissSuggestionMutationVariables = Exact<{
  input: DismissSuggestionInput;
}>;


export type DismissSuggestionMutation = { __typename?: 'Mutation', dismissSuggestion: boolean };

export type SurveySummaryFragment = { __typename?: 'Survey', id: string, title: string, anonymous: boolean, opensAt: string, closesAt: string, open: boolean, responseCount: number, viewerAnswered: boolean };

export type SurveysQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SurveysQuery = { __typename?: 'Query', surveys: { __typename?: 'SurveyConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'SurveyEdge', node: { __typename?: 'Survey', id: string, title: string, anonymous: boolean, opensAt: string, closesAt: string, open: boolean, responseCount: number, viewerAnswered: boolean } }> } };

export type SurveyQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SurveyQuery = { __typename?: 'Query', survey: { __typename?: 'Survey', intro: string, groupId?: string | null, eventId?: string | null, programId?: string | null, id: string, title: string, anonymous: boolean, opensAt: string, closesAt: string, open: boolean, responseCount: number, viewerAnswered: boolean, questions: Array<{ __typename?: 'SurveyQuestion', id: string, kind: SurveyQuestionKind, prompt: string, options: Array<string>, required: boolean }>, viewerAnswers: Array<{ __typename?: 'SurveyAnswer', questionId: string, text?: string | null, choices: Array<number>, scale?: number | null }> } };

export type AnswerSurveyMutationVariables = Exact<{
  input: AnswerSurveyInput;
}>;


export type AnswerSurveyMutation = { __typename?: 'Mutation', answerSurvey: { __typename?: 'AnswerSurveyPayload', editKey?: string | null, survey: { __typename?: 'Survey', id: string, title: string, anonymous: boolean, opensAt: string, closesAt: string, open: boolean, responseCount: number, viewerAnswered: boolean } } };

export type CreateSurveyMutationVariables = Exact<{
  input: CreateSurveyInput;
}>;


export type CreateSurveyMutation = { __typename?: 'Mutation', createSurvey: { __typename?: 'Survey', id: string, title: string, anonymous: boolean, opensAt: string, closesAt: string, open: boolean, responseCount: number, viewerAnswered: boolean, questions: Array<{ __typename?: 'SurveyQuestion', id: string }> } };

export type SurveyResultsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  by: SurveyBreakdown;
}>;


export type SurveyResultsQuery = { __typename?: 'Query', surveyResults: { __typename?: 'SurveyResults', responseCount: number, questions: Array<{ __typename?: 'SurveyQuestionResult', answered: number, average?: number | null, question: { __typename?: 'SurveyQuestion', id: string, prompt: string, kind: SurveyQuestionKind }, options: Array<{ __typename?: 'SurveyOptionCount', label: string, count: number }>, textAnswers: Array<{ __typename?: 'SurveyTextAnswer', text: string, member?: { __typename?: 'Member', id: string, displayName: string } | null }> }>, breakdown: { __typename?: 'SurveyBreakdownResult', minimumGroup: number, suppressedResponses: number, groups: Array<{ __typename?: 'SurveyBreakdownGroup', value?: string | null, responses: number, questions: Array<{ __typename?: 'SurveyQuestionResult', average?: number | null, question: { __typename?: 'SurveyQuestion', id: string }, options: Array<{ __typename?: 'SurveyOptionCount', label: string, count: number }> }> }> } } };

export type SurveyResultsCsvQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SurveyResultsCsvQuery = { __typename?: 'Query', surveyResults: { __typename?: 'SurveyResults', csv: string } };

export type NotificationSurveysQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type NotificationSurveysQuery = { __typename?: 'Query', notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: NotificationKind, surveyId?: string | null } }> } };

export type NextPageFragment = { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null };

export type AuthorSummaryFragment = { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null };

export type ReactionSummaryFragment = { __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean };

export type ReplyItemFragment = { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> };

export type ThreadSummaryFragment = { __typename?: 'Thread', id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } };

export type ThreadDetailFragment = { __typename?: 'Thread', body: string, editedAt?: string | null, viewerFollows: boolean, viewerCanReply: boolean, id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }>, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } };

export type FeedQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FeedQuery = { __typename?: 'Query', feed: { __typename?: 'ThreadConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ThreadEdge', cursor: string, node: { __typename?: 'Thread', id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } }> } };

export type ThreadQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ThreadQuery = { __typename?: 'Query', thread: { __typename?: 'Thread', body: string, editedAt?: string | null, viewerFollows: boolean, viewerCanReply: boolean, id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, replies: { __typename?: 'ReplyConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ReplyEdge', cursor: string, node: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } }> }, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }>, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type ThreadLatestRepliesQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
}>;


export type ThreadLatestRepliesQuery = { __typename?: 'Query', thread: { __typename?: 'Thread', id: string, replies: { __typename?: 'ReplyConnection', pageInfo: { __typename?: 'PageInfo', hasPreviousPage: boolean, startCursor?: string | null, endCursor?: string | null }, edges: Array<{ __typename?: 'ReplyEdge', cursor: string, node: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } }> } } };

export type CreateThreadMutationVariables = Exact<{
  input: CreateThreadInput;
}>;


export type CreateThreadMutation = { __typename?: 'Mutation', createThread: { __typename?: 'Thread', body: string, editedAt?: string | null, viewerFollows: boolean, viewerCanReply: boolean, id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }>, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } };

export type PostReplyMutationVariables = Exact<{
  input: PostReplyInput;
}>;


export type PostReplyMutation = { __typename?: 'Mutation', postReply: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } };

export type EditReplyMutationVariables = Exact<{
  input: EditReplyInput;
}>;


export type EditReplyMutation = { __typename?: 'Mutation', editReply: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } };

export type DeleteReplyMutationVariables = Exact<{
  input: ReplyRefInput;
}>;


export type DeleteReplyMutation = { __typename?: 'Mutation', deleteReply: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } };

export type ReactMutationVariables = Exact<{
  input: ReactInput;
}>;


export type ReactMutation = { __typename?: 'Mutation', react: { __typename?: 'ReactPayload', reacted: boolean, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } };

export type FollowThreadMutationVariables = Exact<{
  input: ThreadRefInput;
}>;


export type FollowThreadMutation = { __typename?: 'Mutation', followThread: { __typename?: 'Thread', id: string, viewerFollows: boolean } };

export type UnfollowThreadMutationVariables = Exact<{
  input: ThreadRefInput;
}>;


export type UnfollowThreadMutation = { __typename?: 'Mutation', unfollowThread: { __typename?: 'Thread', id: string, viewerFollows: boolean } };

export type PinThreadMutationVariables = Exact<{
  input: PinThreadInput;
}>;


export type PinThreadMutation = { __typename?: 'Mutation', pinThread: { __typename?: 'Thread', id: string, pinned: boolean } };

export type LockThreadMutationVariables = Exact<{
  input: LockThreadInput;
}>;


export type LockThreadMutation = { __typename?: 'Mutation', lockThread: { __typename?: 'Thread', id: string, locked: boolean } };

export type ThreadUpdatesSubscriptionVariables = Exact<{
  threadId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ThreadUpdatesSubscription = { __typename?: 'Subscription', threadUpdates: { __typename?: 'ThreadUpdate', kind: ThreadUpdateKind, cursor?: string | null, reply?: { __typename?: 'Reply', id: string, threadId: string, parentReplyId?: string | null, state: ReplyState, body?: string | null, createdAt: string, editedAt?: string | null, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }> } | null, thread?: { __typename?: 'Thread', body: string, editedAt?: string | null, viewerFollows: boolean, viewerCanReply: boolean, id: string, title: string, tags: Array<string>, pinned: boolean, locked: boolean, replyCount: number, createdAt: string, lastActivityAt: string, reactions: Array<{ __typename?: 'ReactionCount', reaction: Reaction, count: number, reactedByMe: boolean }>, author?: { __typename?: 'Member', id: string, displayName: string, handle?: string | null, avatarUrl?: string | null } | null, group: { __typename?: 'Group', id: string, name: string } } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AuthorSummaryFragmentDoc = new TypedDocumentString(`
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
    `, {"fragmentName":"AuthorSummary"}) as unknown as TypedDocumentString<AuthorSummaryFragment, unknown>;
export const CoffeeChatTimeItemFragmentDoc = new TypedDocumentString(`
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
    `, {"fragmentName":"CoffeeChatTimeItem"}) as unknown as TypedDocumentString<CoffeeChatTimeItemFragment, unknown>;
export const CoffeeChatItemFragmentDoc = new TypedDocumentString(`
    fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"CoffeeChatItem"}) as unknown as TypedDocumentString<CoffeeChatItemFragment, unknown>;
export const ChildSummaryFragmentDoc = new TypedDocumentString(`
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
    `, {"fragmentName":"ChildSummary"}) as unknown as TypedDocumentString<ChildSummaryFragment, unknown>;
export const MemberCardFragmentDoc = new TypedDocumentString(`
    fragment MemberCard on Member {
  ...AuthorSummary
  headline
  industry
  city
  neighbourhood
  careerStage
  openTo
  children {
    ...ChildSummary
  }
  connectionStatus
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"MemberCard"}) as unknown as TypedDocumentString<MemberCardFragment, unknown>;
export const EventSummaryFragmentDoc = new TypedDocumentString(`
    fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
    `, {"fragmentName":"EventSummary"}) as unknown as TypedDocumentString<EventSummaryFragment, unknown>;
export const RsvpStateFragmentDoc = new TypedDocumentString(`
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
    `, {"fragmentName":"RsvpState"}) as unknown as TypedDocumentString<RsvpStateFragment, unknown>;
export const EventDetailFragmentDoc = new TypedDocumentString(`
    fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"EventDetail"}) as unknown as TypedDocumentString<EventDetailFragment, unknown>;
export const JoinRequestStateFragmentDoc = new TypedDocumentString(`
    fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
    `, {"fragmentName":"JoinRequestState"}) as unknown as TypedDocumentString<JoinRequestStateFragment, unknown>;
export const JoinRequestItemFragmentDoc = new TypedDocumentString(`
    fragment JoinRequestItem on JoinRequest {
  ...JoinRequestState
  member {
    ...AuthorSummary
  }
}
    fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"JoinRequestItem"}) as unknown as TypedDocumentString<JoinRequestItemFragment, unknown>;
export const GroupSummaryFragmentDoc = new TypedDocumentString(`
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
    `, {"fragmentName":"GroupSummary"}) as unknown as TypedDocumentString<GroupSummaryFragment, unknown>;
export const GroupDetailFragmentDoc = new TypedDocumentString(`
    fragment GroupDetail on Group {
  ...GroupSummary
  joinQuestions
  createdAt
  viewerJoinRequest {
    ...JoinRequestState
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}`, {"fragmentName":"GroupDetail"}) as unknown as TypedDocumentString<GroupDetailFragment, unknown>;
export const GroupMemberItemFragmentDoc = new TypedDocumentString(`
    fragment GroupMemberItem on GroupMember {
  role
  joinedAt
  member {
    ...AuthorSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"GroupMemberItem"}) as unknown as TypedDocumentString<GroupMemberItemFragment, unknown>;
export const JobItemFragmentDoc = new TypedDocumentString(`
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"JobItem"}) as unknown as TypedDocumentString<JobItemFragment, unknown>;
export const JobDetailFragmentDoc = new TypedDocumentString(`
    fragment JobDetail on JobPost {
  ...JobItem
  url
  description
  closedAt
  updatedAt
  group {
    id
    name
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"JobDetail"}) as unknown as TypedDocumentString<JobDetailFragment, unknown>;
export const MessageItemFragmentDoc = new TypedDocumentString(`
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"MessageItem"}) as unknown as TypedDocumentString<MessageItemFragment, unknown>;
export const ConversationSummaryFragmentDoc = new TypedDocumentString(`
    fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"ConversationSummary"}) as unknown as TypedDocumentString<ConversationSummaryFragment, unknown>;
export const ConversationListItemFragmentDoc = new TypedDocumentString(`
    fragment ConversationListItem on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  lastMessageAt
  startedBy {
    id
  }
  members {
    ...AuthorSummary
  }
  latest: messages(last: 1) {
    edges {
      node {
        body
        author {
          id
        }
      }
    }
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"ConversationListItem"}) as unknown as TypedDocumentString<ConversationListItemFragment, unknown>;
export const ReportItemFragmentDoc = new TypedDocumentString(`
    fragment ReportItem on Report {
  id
  targetKind
  targetId
  reason
  note
  status
  action
  createdAt
  resolvedAt
}
    `, {"fragmentName":"ReportItem"}) as unknown as TypedDocumentString<ReportItemFragment, unknown>;
export const NotificationItemFragmentDoc = new TypedDocumentString(`
    fragment NotificationItem on Notification {
  id
  kind
  title
  count
  groupId
  threadId
  replyId
  eventId
  conversationId
  messageId
  actor {
    ...AuthorSummary
  }
  read
  createdAt
  updatedAt
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"NotificationItem"}) as unknown as TypedDocumentString<NotificationItemFragment, unknown>;
export const NotificationPreferenceItemFragmentDoc = new TypedDocumentString(`
    fragment NotificationPreferenceItem on NotificationPreference {
  kind
  inApp
  push
  email
}
    `, {"fragmentName":"NotificationPreferenceItem"}) as unknown as TypedDocumentString<NotificationPreferenceItemFragment, unknown>;
export const MuteStateFragmentDoc = new TypedDocumentString(`
    fragment MuteState on MutePayload {
  subjectId
  muted
  until
}
    `, {"fragmentName":"MuteState"}) as unknown as TypedDocumentString<MuteStateFragment, unknown>;
export const QuietHoursSettingsFragmentDoc = new TypedDocumentString(`
    fragment QuietHoursSettings on QuietHours {
  timeZone
  windows {
    start
    end
  }
}
    `, {"fragmentName":"QuietHoursSettings"}) as unknown as TypedDocumentString<QuietHoursSettingsFragment, unknown>;
export const ProfileDetailFragmentDoc = new TypedDocumentString(`
    fragment ProfileDetail on Member {
  id
  displayName
  handle
  avatarUrl
  createdAt
  timezone
  headline
  industry
  city
  neighbourhood
  careerStage
  returnToWorkDate
  interests
  openTo
  bio
  children {
    ...ChildSummary
  }
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}`, {"fragmentName":"ProfileDetail"}) as unknown as TypedDocumentString<ProfileDetailFragment, unknown>;
export const OwnProfileFragmentDoc = new TypedDocumentString(`
    fragment OwnProfile on Member {
  ...ProfileDetail
  email
  fieldVisibility {
    field
    visibility
  }
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment ProfileDetail on Member {
  id
  displayName
  handle
  avatarUrl
  createdAt
  timezone
  headline
  industry
  city
  neighbourhood
  careerStage
  returnToWorkDate
  interests
  openTo
  bio
  children {
    ...ChildSummary
  }
}`, {"fragmentName":"OwnProfile"}) as unknown as TypedDocumentString<OwnProfileFragment, unknown>;
export const ConnectionChangeFragmentDoc = new TypedDocumentString(`
    fragment ConnectionChange on ConnectionPayload {
  status
  member {
    ...AuthorSummary
    connectionStatus
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"ConnectionChange"}) as unknown as TypedDocumentString<ConnectionChangeFragment, unknown>;
export const ProgramSummaryFragmentDoc = new TypedDocumentString(`
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}
    `, {"fragmentName":"ProgramSummary"}) as unknown as TypedDocumentString<ProgramSummaryFragment, unknown>;
export const PushDeviceFragmentDoc = new TypedDocumentString(`
    fragment PushDevice on PushSubscription {
  id
  endpoint
  userAgent
  createdAt
}
    `, {"fragmentName":"PushDevice"}) as unknown as TypedDocumentString<PushDeviceFragment, unknown>;
export const NativePushDeviceFragmentDoc = new TypedDocumentString(`
    fragment NativePushDevice on NativeDevice {
  __typename
  id
  transport
  name
  appId
  environment
  createdAt
}
    `, {"fragmentName":"NativePushDevice"}) as unknown as TypedDocumentString<NativePushDeviceFragment, unknown>;
export const ResourceSummaryFragmentDoc = new TypedDocumentString(`
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}
    `, {"fragmentName":"ResourceSummary"}) as unknown as TypedDocumentString<ResourceSummaryFragment, unknown>;
export const SuggestionItemFragmentDoc = new TypedDocumentString(`
    fragment SuggestionItem on ResourceSuggestion {
  id
  url
  note
  status
  createdAt
  reviewedAt
}
    `, {"fragmentName":"SuggestionItem"}) as unknown as TypedDocumentString<SuggestionItemFragment, unknown>;
export const SessionFragmentDoc = new TypedDocumentString(`
    fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  member {
    id
    displayName
    handle
    email
    emailVerified
  }
}
    `, {"fragmentName":"Session"}) as unknown as TypedDocumentString<SessionFragment, unknown>;
export const SurveySummaryFragmentDoc = new TypedDocumentString(`
    fragment SurveySummary on Survey {
  id
  title
  anonymous
  opensAt
  closesAt
  open
  responseCount
  viewerAnswered
}
    `, {"fragmentName":"SurveySummary"}) as unknown as TypedDocumentString<SurveySummaryFragment, unknown>;
export const NextPageFragmentDoc = new TypedDocumentString(`
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
    `, {"fragmentName":"NextPage"}) as unknown as TypedDocumentString<NextPageFragment, unknown>;
export const ReactionSummaryFragmentDoc = new TypedDocumentString(`
    fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
    `, {"fragmentName":"ReactionSummary"}) as unknown as TypedDocumentString<ReactionSummaryFragment, unknown>;
export const ReplyItemFragmentDoc = new TypedDocumentString(`
    fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}`, {"fragmentName":"ReplyItem"}) as unknown as TypedDocumentString<ReplyItemFragment, unknown>;
export const ThreadSummaryFragmentDoc = new TypedDocumentString(`
    fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"fragmentName":"ThreadSummary"}) as unknown as TypedDocumentString<ThreadSummaryFragment, unknown>;
export const ThreadDetailFragmentDoc = new TypedDocumentString(`
    fragment ThreadDetail on Thread {
  ...ThreadSummary
  body
  editedAt
  viewerFollows
  viewerCanReply
  reactions {
    ...ReactionSummary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}`, {"fragmentName":"ThreadDetail"}) as unknown as TypedDocumentString<ThreadDetailFragment, unknown>;
export const VerifyEmailDocument = new TypedDocumentString(`
    mutation VerifyEmail($input: LinkTokenInput!) {
  verifyEmail(input: $input) {
    ok
  }
}
    `, {"hash":"fa688f2a9440c1628f1b9e02c1020ebe791ab4a6b0cbdd133e4843b026ee2e6e"}) as unknown as TypedDocumentString<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const ResendVerificationDocument = new TypedDocumentString(`
    mutation ResendVerification {
  resendVerification {
    ok
  }
}
    `, {"hash":"6004bc2ace39d73d0aab5af42173cd7c7f90444db16b4999131266d8d8f5a737"}) as unknown as TypedDocumentString<ResendVerificationMutation, ResendVerificationMutationVariables>;
export const RequestPasswordResetDocument = new TypedDocumentString(`
    mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
  requestPasswordReset(input: $input) {
    ok
  }
}
    `, {"hash":"b88e3ba13e34fe77c9b4dcb94a12080c0fc99a6c380ee158e0f0ee3f3bb32603"}) as unknown as TypedDocumentString<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = new TypedDocumentString(`
    mutation ResetPassword($input: ResetPasswordInput!) {
  resetPassword(input: $input) {
    ok
  }
}
    `, {"hash":"b09a8a5437713d82ab14c7b0a2960878df962e6de1cd2897383a07479ea3b636"}) as unknown as TypedDocumentString<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input) {
    sessionsEnded
  }
}
    `, {"hash":"67661e91b2b896dc965a1f1a995ec50e71157a063b16bfbcf347f788d4c5ff5b"}) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ChangeEmailDocument = new TypedDocumentString(`
    mutation ChangeEmail($input: ChangeEmailInput!) {
  changeEmail(input: $input) {
    ok
  }
}
    `, {"hash":"7aa6601e3a0fac3ced5123ef86d58579d221452f60326f6a7845f516a5c04ef3"}) as unknown as TypedDocumentString<ChangeEmailMutation, ChangeEmailMutationVariables>;
export const ConfirmEmailChangeDocument = new TypedDocumentString(`
    mutation ConfirmEmailChange($input: LinkTokenInput!) {
  confirmEmailChange(input: $input) {
    ok
  }
}
    `, {"hash":"49f351adefdc9300ea70e44bd136aef84fc11e485ada7e1e7d39e9a85a7926cc"}) as unknown as TypedDocumentString<ConfirmEmailChangeMutation, ConfirmEmailChangeMutationVariables>;
export const DeleteAccountDocument = new TypedDocumentString(`
    mutation DeleteAccount($input: DeleteAccountInput!) {
  deleteAccount(input: $input) {
    deleted
  }
}
    `, {"hash":"316e4e773f6007b3a3e8e54c637e118f35bd612679f13e05e03071524dec91d1"}) as unknown as TypedDocumentString<DeleteAccountMutation, DeleteAccountMutationVariables>;
export const RequestDataExportDocument = new TypedDocumentString(`
    mutation RequestDataExport {
  requestDataExport {
    requested
  }
}
    `, {"hash":"6b4fc74b905088c5e5a31160d7a49750ab8b551e4b9db7a6fed6834d19ac8cd0"}) as unknown as TypedDocumentString<RequestDataExportMutation, RequestDataExportMutationVariables>;
export const MyCoffeeChatsDocument = new TypedDocumentString(`
    query MyCoffeeChats($status: CoffeeChatStatus, $first: Int, $after: String) {
  myCoffeeChats(status: $status, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...CoffeeChatItem
      }
    }
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"c3d88475dee61758519a8016eb9089d9d1a6381506c2b4f2380904a52e89802a"}) as unknown as TypedDocumentString<MyCoffeeChatsQuery, MyCoffeeChatsQueryVariables>;
export const CoffeeChatDocument = new TypedDocumentString(`
    query CoffeeChat($id: ID!) {
  coffeeChat(id: $id) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"156283393f561bd1020b499456411a0a1121a291f209626103b31b3029bfc0eb"}) as unknown as TypedDocumentString<CoffeeChatQuery, CoffeeChatQueryVariables>;
export const ProposeCoffeeChatDocument = new TypedDocumentString(`
    mutation ProposeCoffeeChat($input: ProposeCoffeeChatInput!) {
  proposeCoffeeChat(input: $input) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"14b9dcc52f39b0eb94b412f8dacb653f4a73a8b03d8c97a2f9466da547ce05ac"}) as unknown as TypedDocumentString<ProposeCoffeeChatMutation, ProposeCoffeeChatMutationVariables>;
export const AcceptCoffeeChatDocument = new TypedDocumentString(`
    mutation AcceptCoffeeChat($input: AcceptCoffeeChatInput!) {
  acceptCoffeeChat(input: $input) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"0f869f83806047af8b7b4d967c8360a65e4aa709aa54869bf1bf7c67b95fa902"}) as unknown as TypedDocumentString<AcceptCoffeeChatMutation, AcceptCoffeeChatMutationVariables>;
export const DeclineCoffeeChatDocument = new TypedDocumentString(`
    mutation DeclineCoffeeChat($input: CoffeeChatInput!) {
  declineCoffeeChat(input: $input) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"873d650f1a8e303e557e02fca0d0953f1fae884dbdf46f8a4bb3c789aa7c669f"}) as unknown as TypedDocumentString<DeclineCoffeeChatMutation, DeclineCoffeeChatMutationVariables>;
export const CancelCoffeeChatDocument = new TypedDocumentString(`
    mutation CancelCoffeeChat($input: CoffeeChatInput!) {
  cancelCoffeeChat(input: $input) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"ecd960a4e5a437edc1763266af4e9f3f96e69849be13be83fd5342a4b64a5bd4"}) as unknown as TypedDocumentString<CancelCoffeeChatMutation, CancelCoffeeChatMutationVariables>;
export const RescheduleCoffeeChatDocument = new TypedDocumentString(`
    mutation RescheduleCoffeeChat($input: RescheduleCoffeeChatInput!) {
  rescheduleCoffeeChat(input: $input) {
    ...CoffeeChatItem
  }
}
    fragment CoffeeChatTimeItem on CoffeeChatTime {
  startsAt
  endsAt
  localStart
  localEnd
}
fragment CoffeeChatItem on CoffeeChat {
  id
  status
  awaitingMe
  timeZone
  place
  onlineUrl
  note
  createdAt
  updatedAt
  proposedBy {
    ...AuthorSummary
  }
  with {
    ...AuthorSummary
  }
  slots {
    ...CoffeeChatTimeItem
  }
  time {
    ...CoffeeChatTimeItem
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"8420ec5bfa8f53ad19fb329ef34bce9cce8fbb7f71e100a5f0aaa31da1f3370f"}) as unknown as TypedDocumentString<RescheduleCoffeeChatMutation, RescheduleCoffeeChatMutationVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($filter: MemberFilter, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...MemberCard
      }
    }
  }
}
    fragment MemberCard on Member {
  ...AuthorSummary
  headline
  industry
  city
  neighbourhood
  careerStage
  openTo
  children {
    ...ChildSummary
  }
  connectionStatus
}
fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"426bf890aff7a31bf032a45ee08a1f35d2722f2cc6a56c0e32fe38ad0362ed22"}) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const EventDocument = new TypedDocumentString(`
    query Event($id: ID!, $first: Int = 20, $after: String) {
  event(id: $id) {
    ...EventDetail
    attendees(first: $first, after: $after) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...AuthorSummary
        }
      }
    }
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"4ca338a484726fb6d5b804809879fc690d88dea06e874046621e34a56c699853"}) as unknown as TypedDocumentString<EventQuery, EventQueryVariables>;
export const EventsDocument = new TypedDocumentString(`
    query Events($filter: EventsFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...EventSummary
      }
    }
  }
}
    fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"764ec9ba5364681d963d4aa0c3e65509ece6aa601e5e16373b3bd4d08482a57f"}) as unknown as TypedDocumentString<EventsQuery, EventsQueryVariables>;
export const MyEventsDocument = new TypedDocumentString(`
    query MyEvents($filter: EventsFilter, $first: Int, $after: String) {
  myEvents(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...EventSummary
      }
    }
  }
}
    fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"90a9d56c50ae122b24b9bd9ab3491cbef297ee27adf5ff92253ec28841b003e5"}) as unknown as TypedDocumentString<MyEventsQuery, MyEventsQueryVariables>;
export const CreateEventDocument = new TypedDocumentString(`
    mutation CreateEvent($input: CreateEventInput!) {
  createEvent(input: $input) {
    ...EventDetail
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"80d4c2302b2326ef979679841b8bb72e7cb9fb46de29d8f16dfc0792c1d49a24"}) as unknown as TypedDocumentString<CreateEventMutation, CreateEventMutationVariables>;
export const UpdateEventDocument = new TypedDocumentString(`
    mutation UpdateEvent($input: UpdateEventInput!) {
  updateEvent(input: $input) {
    ...EventDetail
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"7996c65447b11c9aabc925b8defad8c5686269762b71748d52a598c45c70754c"}) as unknown as TypedDocumentString<UpdateEventMutation, UpdateEventMutationVariables>;
export const CancelEventDocument = new TypedDocumentString(`
    mutation CancelEvent($input: EventRefInput!) {
  cancelEvent(input: $input) {
    ...EventDetail
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"3a4e3acc3f351521253d44e80fc6b92a217dab0ad84ec7a7447c577b1a36a782"}) as unknown as TypedDocumentString<CancelEventMutation, CancelEventMutationVariables>;
export const RsvpDocument = new TypedDocumentString(`
    mutation Rsvp($input: RsvpInput!) {
  rsvp(input: $input) {
    ...EventDetail
  }
}
    fragment RsvpState on Rsvp {
  status
  kids
  waitlistPosition
}
fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment EventDetail on Event {
  ...EventSummary
  description
  location
  onlineUrl
  capacity
  waitlistCount
  childcareCapacity
  childcarePlacesLeft
  cancelledAt
  createdAt
  icsPath
  organiser {
    ...AuthorSummary
  }
  viewerRsvp {
    ...RsvpState
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"c1029c1c1776ed338ceca74d51d3f2879dfc311a9df06e57e218d2032b80ab3e"}) as unknown as TypedDocumentString<RsvpMutation, RsvpMutationVariables>;
export const CreateCalendarFeedDocument = new TypedDocumentString(`
    mutation CreateCalendarFeed {
  createCalendarFeed {
    path
  }
}
    `, {"hash":"40c8c7e11ead28f893c28a9b45b65894df999cc5a78257730c3b618117161949"}) as unknown as TypedDocumentString<CreateCalendarFeedMutation, CreateCalendarFeedMutationVariables>;
export const GroupDocument = new TypedDocumentString(`
    query Group($id: ID!, $first: Int = 20, $after: String, $orderBy: ThreadOrder = ACTIVITY, $withThreads: Boolean! = true) {
  group(id: $id) {
    ...GroupDetail
    pinnedThreads @include(if: $withThreads) {
      ...ThreadSummary
    }
    threads(first: $first, after: $after, orderBy: $orderBy) @include(if: $withThreads) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...ThreadSummary
        }
      }
    }
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment GroupDetail on Group {
  ...GroupSummary
  joinQuestions
  createdAt
  viewerJoinRequest {
    ...JoinRequestState
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}`, {"hash":"29a32e92d3190e586f161f965012ff35c7bfb1ec24bf61f982a325196732dad4"}) as unknown as TypedDocumentString<GroupQuery, GroupQueryVariables>;
export const GroupMembersDocument = new TypedDocumentString(`
    query GroupMembers($id: ID!, $first: Int, $after: String) {
  group(id: $id) {
    id
    members(first: $first, after: $after) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...GroupMemberItem
        }
      }
    }
  }
}
    fragment GroupMemberItem on GroupMember {
  role
  joinedAt
  member {
    ...AuthorSummary
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"c8038b0ba64c914be9a470cf7da328990a820af0a964555916983b8272bc8b79"}) as unknown as TypedDocumentString<GroupMembersQuery, GroupMembersQueryVariables>;
export const GroupJoinRequestsDocument = new TypedDocumentString(`
    query GroupJoinRequests($id: ID!, $first: Int, $after: String) {
  group(id: $id) {
    id
    joinRequests(first: $first, after: $after) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...JoinRequestItem
        }
      }
    }
  }
}
    fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment JoinRequestItem on JoinRequest {
  ...JoinRequestState
  member {
    ...AuthorSummary
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"34ef2b9a02644f15461815179fd45d44ca901c9c92b2a949808c9bc0789ccef7"}) as unknown as TypedDocumentString<GroupJoinRequestsQuery, GroupJoinRequestsQueryVariables>;
export const GroupsDocument = new TypedDocumentString(`
    query Groups($filter: GroupFilter, $first: Int, $after: String) {
  groups(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...GroupSummary
      }
    }
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"8ca5019e435d285d99eb869e2ff40497f2b4dee71690e950bc83ea485ceaeb87"}) as unknown as TypedDocumentString<GroupsQuery, GroupsQueryVariables>;
export const MyGroupsDocument = new TypedDocumentString(`
    query MyGroups($first: Int, $after: String) {
  myGroups(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...GroupSummary
      }
    }
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"7fc8b0b0c895ed0004d0ee9c0e53cac6431f1d5659799cb7131c0b0f9a76a49c"}) as unknown as TypedDocumentString<MyGroupsQuery, MyGroupsQueryVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    ...GroupDetail
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment GroupDetail on Group {
  ...GroupSummary
  joinQuestions
  createdAt
  viewerJoinRequest {
    ...JoinRequestState
  }
}`, {"hash":"1026dcf3c386b1bfa78b5bde4316809b4050adc4306d5acb06f56c8f44111c6e"}) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const JoinGroupDocument = new TypedDocumentString(`
    mutation JoinGroup($input: JoinGroupInput!) {
  joinGroup(input: $input) {
    joined
    group {
      ...GroupDetail
    }
    joinRequest {
      ...JoinRequestState
    }
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment GroupDetail on Group {
  ...GroupSummary
  joinQuestions
  createdAt
  viewerJoinRequest {
    ...JoinRequestState
  }
}`, {"hash":"8a5ecd4ce37e3c247543ce474d3bee2022eb381623b037d00790fb0c8ed4a1a8"}) as unknown as TypedDocumentString<JoinGroupMutation, JoinGroupMutationVariables>;
export const LeaveGroupDocument = new TypedDocumentString(`
    mutation LeaveGroup($input: GroupRefInput!) {
  leaveGroup(input: $input) {
    ...GroupDetail
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment GroupDetail on Group {
  ...GroupSummary
  joinQuestions
  createdAt
  viewerJoinRequest {
    ...JoinRequestState
  }
}`, {"hash":"001bfd4f2153cd2111094148c965f082552b4349746bd14c1646ce588a8e3ec4"}) as unknown as TypedDocumentString<LeaveGroupMutation, LeaveGroupMutationVariables>;
export const ApproveJoinRequestDocument = new TypedDocumentString(`
    mutation ApproveJoinRequest($input: JoinRequestRefInput!) {
  approveJoinRequest(input: $input) {
    ...JoinRequestItem
  }
}
    fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment JoinRequestItem on JoinRequest {
  ...JoinRequestState
  member {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"5a18c438846f50a770116d348fc78ec6e1cc2cbac05a793874700e29fce14cd4"}) as unknown as TypedDocumentString<ApproveJoinRequestMutation, ApproveJoinRequestMutationVariables>;
export const DeclineJoinRequestDocument = new TypedDocumentString(`
    mutation DeclineJoinRequest($input: JoinRequestRefInput!) {
  declineJoinRequest(input: $input) {
    ...JoinRequestItem
  }
}
    fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment JoinRequestItem on JoinRequest {
  ...JoinRequestState
  member {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"58997b67111ff23ed97dface6a0af1d87f3530b8a88735c9d3aa3c2310ea9a74"}) as unknown as TypedDocumentString<DeclineJoinRequestMutation, DeclineJoinRequestMutationVariables>;
export const InviteToGroupDocument = new TypedDocumentString(`
    mutation InviteToGroup($input: GroupMemberInput!) {
  inviteToGroup(input: $input) {
    ...GroupSummary
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}`, {"hash":"09339153c7c6c010240fb79b85a59ce3528135900749400946d58b29c3c57c57"}) as unknown as TypedDocumentString<InviteToGroupMutation, InviteToGroupMutationVariables>;
export const SetMemberRoleDocument = new TypedDocumentString(`
    mutation SetMemberRole($input: SetMemberRoleInput!) {
  setMemberRole(input: $input) {
    ...GroupSummary
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}`, {"hash":"733d60647ffd7378f105fb246959e240f20570aad954463d92585b566c509edc"}) as unknown as TypedDocumentString<SetMemberRoleMutation, SetMemberRoleMutationVariables>;
export const RemoveMemberDocument = new TypedDocumentString(`
    mutation RemoveMember($input: GroupMemberInput!) {
  removeMember(input: $input) {
    ...GroupSummary
  }
}
    fragment GroupSummary on Group {
  id
  name
  description
  visibility
  joinPolicy
  memberCount
  approximateMemberCount
  viewerRole
}`, {"hash":"d27049affa78157ebf44637b7a2ffc265f79c2236f73aa92862f572a67435074"}) as unknown as TypedDocumentString<RemoveMemberMutation, RemoveMemberMutationVariables>;
export const GroupActivityDocument = new TypedDocumentString(`
    subscription GroupActivity($groupId: ID!) {
  groupActivity(groupId: $groupId) {
    kind
    thread {
      ...ThreadSummary
    }
    event {
      ...EventSummary
    }
    member {
      ...AuthorSummary
    }
    joinRequest {
      ...JoinRequestItem
    }
  }
}
    fragment EventSummary on Event {
  id
  title
  startsAt
  endsAt
  timezone
  city
  isOnline
  goingCount
  seatsLeft
  kidsWelcome
  childcareProvided
  costCents
  cancelled
  group {
    id
    name
  }
  viewerRsvp {
    status
  }
}
fragment JoinRequestState on JoinRequest {
  id
  status
  answers
  createdAt
}
fragment JoinRequestItem on JoinRequest {
  ...JoinRequestState
  member {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}`, {"hash":"5d5c2a9bb6fd84b282880386fe658586f89fff6ed3c32fdd82aa1e5aad71a380"}) as unknown as TypedDocumentString<GroupActivitySubscription, GroupActivitySubscriptionVariables>;
export const JobsDocument = new TypedDocumentString(`
    query Jobs($filter: JobFilterInput, $first: Int, $after: String) {
  jobs(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...JobItem
      }
    }
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"da34f66a0f37698b103ffc7c211f34a8bce420aadbbdcfc4b3e264267883c79a"}) as unknown as TypedDocumentString<JobsQuery, JobsQueryVariables>;
export const JobDocument = new TypedDocumentString(`
    query Job($id: ID!) {
  job(id: $id) {
    ...JobDetail
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment JobDetail on JobPost {
  ...JobItem
  url
  description
  closedAt
  updatedAt
  group {
    id
    name
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"967ee8dd4155417ae5eada1453f74aed78a8d26dd8d08ec139021cb15ab2c142"}) as unknown as TypedDocumentString<JobQuery, JobQueryVariables>;
export const SavedJobsDocument = new TypedDocumentString(`
    query SavedJobs($first: Int, $after: String) {
  savedJobs(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...JobItem
      }
    }
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"d21b0e07d5dee874015191b8ac8f13c56a31c4bbd6228e302b26e4cb48678e1c"}) as unknown as TypedDocumentString<SavedJobsQuery, SavedJobsQueryVariables>;
export const PostJobDocument = new TypedDocumentString(`
    mutation PostJob($input: PostJobInput!) {
  postJob(input: $input) {
    ...JobDetail
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment JobDetail on JobPost {
  ...JobItem
  url
  description
  closedAt
  updatedAt
  group {
    id
    name
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"653ab7c217e728495fabce04a59e291d11f03c5a4eef474cdf78261c7390e2a2"}) as unknown as TypedDocumentString<PostJobMutation, PostJobMutationVariables>;
export const EditJobDocument = new TypedDocumentString(`
    mutation EditJob($input: EditJobInput!) {
  editJob(input: $input) {
    ...JobDetail
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment JobDetail on JobPost {
  ...JobItem
  url
  description
  closedAt
  updatedAt
  group {
    id
    name
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"75e2c4708f4c6731d35db196ad9c5916b6a65255e73104f8653daa46d3a5ae13"}) as unknown as TypedDocumentString<EditJobMutation, EditJobMutationVariables>;
export const CloseJobDocument = new TypedDocumentString(`
    mutation CloseJob($input: JobInput!) {
  closeJob(input: $input) {
    ...JobDetail
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment JobDetail on JobPost {
  ...JobItem
  url
  description
  closedAt
  updatedAt
  group {
    id
    name
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"ff45efd44edd7fa93942f10a27ea008db61d2c32c890c9c24e2ce8a5ae8c77fa"}) as unknown as TypedDocumentString<CloseJobMutation, CloseJobMutationVariables>;
export const SaveJobDocument = new TypedDocumentString(`
    mutation SaveJob($input: JobInput!) {
  saveJob(input: $input) {
    ...JobItem
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"882e1a00dc3d9816a39a43734a58b87056ee841ef21c86cc0362a3bb7a1ca071"}) as unknown as TypedDocumentString<SaveJobMutation, SaveJobMutationVariables>;
export const UnsaveJobDocument = new TypedDocumentString(`
    mutation UnsaveJob($input: JobInput!) {
  unsaveJob(input: $input) {
    ...JobItem
  }
}
    fragment JobItem on JobPost {
  id
  title
  company
  location
  workplace
  employment
  flexibility
  industry
  canRefer
  status
  saved
  expiresAt
  createdAt
  postedBy {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"674c8ee1f7b4b0bfb193ff31fd3a82649039bfa074b916c146b88ff741bb7fd2"}) as unknown as TypedDocumentString<UnsaveJobMutation, UnsaveJobMutationVariables>;
export const AskForReferralDocument = new TypedDocumentString(`
    mutation AskForReferral($input: AskForReferralInput!) {
  askForReferral(input: $input) {
    ...MessageItem
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"f92fc6fd701515a9d3450ff2398bf6813b1f97135f21bc7b89b007f3b71f087d"}) as unknown as TypedDocumentString<AskForReferralMutation, AskForReferralMutationVariables>;
export const SubscribeToMailingListDocument = new TypedDocumentString(`
    mutation SubscribeToMailingList($input: SubscribeToMailingListInput!) {
  subscribeToMailingList(input: $input) {
    ok
  }
}
    `, {"hash":"457d7cdd0b156e3b7cc883e010d9493364e5a84e37baabb64cebd75ffb4d9ea2"}) as unknown as TypedDocumentString<SubscribeToMailingListMutation, SubscribeToMailingListMutationVariables>;
export const ConfirmMailingListDocument = new TypedDocumentString(`
    mutation ConfirmMailingList($input: ConfirmMailingListInput!) {
  confirmMailingList(input: $input) {
    ok
  }
}
    `, {"hash":"380507a6538b63756e7bea25c6ae1a03e310a41d7bf9e318b2fe6e108591939b"}) as unknown as TypedDocumentString<ConfirmMailingListMutation, ConfirmMailingListMutationVariables>;
export const JoinMailingListDocument = new TypedDocumentString(`
    mutation JoinMailingList($input: JoinMailingListInput!) {
  joinMailingList(input: $input) {
    ok
  }
}
    `, {"hash":"02e0de87d1ed755f0a77bed1b749f41971985cc231c32deae5e863530880258b"}) as unknown as TypedDocumentString<JoinMailingListMutation, JoinMailingListMutationVariables>;
export const SendNewsletterDocument = new TypedDocumentString(`
    mutation SendNewsletter($input: SendNewsletterInput!) {
  sendNewsletter(input: $input) {
    newsletterId
  }
}
    `, {"hash":"53dd1cc9d6ac4964c97ffaae956b7fc1b2304f384dd6312f1b07e45e162230ba"}) as unknown as TypedDocumentString<SendNewsletterMutation, SendNewsletterMutationVariables>;
export const NewslettersDocument = new TypedDocumentString(`
    query Newsletters($first: Int) {
  newsletters(first: $first) {
    id
    subject
    createdAt
    recipients
    finishedAt
  }
}
    `, {"hash":"cab038f78bacc4f171cb99d5b7c779a25178458d68c34f5addca940ae0888192"}) as unknown as TypedDocumentString<NewslettersQuery, NewslettersQueryVariables>;
export const ConversationsDocument = new TypedDocumentString(`
    query Conversations($first: Int, $after: String) {
  conversations(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...ConversationListItem
      }
    }
  }
}
    fragment ConversationListItem on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  lastMessageAt
  startedBy {
    id
  }
  members {
    ...AuthorSummary
  }
  latest: messages(last: 1) {
    edges {
      node {
        body
        author {
          id
        }
      }
    }
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"0b24b09af1df54898603e124dcbd01ae8f1b9fd258541b3fba211b2d6d56cf08"}) as unknown as TypedDocumentString<ConversationsQuery, ConversationsQueryVariables>;
export const MessageRequestsDocument = new TypedDocumentString(`
    query MessageRequests($first: Int, $after: String) {
  messageRequests(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...ConversationListItem
      }
    }
  }
}
    fragment ConversationListItem on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  lastMessageAt
  startedBy {
    id
  }
  members {
    ...AuthorSummary
  }
  latest: messages(last: 1) {
    edges {
      node {
        body
        author {
          id
        }
      }
    }
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"e2b8bcdc288fa3f73795964b5beab73a529f3e96b6d219631c1cd0e07b8dceff"}) as unknown as TypedDocumentString<MessageRequestsQuery, MessageRequestsQueryVariables>;
export const ConversationDocument = new TypedDocumentString(`
    query Conversation($id: ID!, $first: Int = 20, $after: String) {
  conversation(id: $id) {
    ...ConversationSummary
    messages(first: $first, after: $after) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...MessageItem
        }
      }
    }
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"6985db2e69605417a233ea05c7cc87a2e0914ff8c190009cec1e2c8e25299760"}) as unknown as TypedDocumentString<ConversationQuery, ConversationQueryVariables>;
export const ConversationLatestMessagesDocument = new TypedDocumentString(`
    query ConversationLatestMessages($id: ID!, $last: Int = 20, $before: String) {
  conversation(id: $id) {
    ...ConversationSummary
    messages(last: $last, before: $before) {
      pageInfo {
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...MessageItem
        }
      }
    }
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"4e34d5c59d199712e6ebd7451d04e473b87bcc64073bd9362bc081b62110a68e"}) as unknown as TypedDocumentString<ConversationLatestMessagesQuery, ConversationLatestMessagesQueryVariables>;
export const AcceptsMessageRequestsDocument = new TypedDocumentString(`
    query AcceptsMessageRequests {
  acceptsMessageRequests
}
    `, {"hash":"7dd23100a57c135a8d0b6aad956423c6ffdc8dfd77c7f43f790dbb8939ea3dc6"}) as unknown as TypedDocumentString<AcceptsMessageRequestsQuery, AcceptsMessageRequestsQueryVariables>;
export const ShowsMessagePreviewsDocument = new TypedDocumentString(`
    query ShowsMessagePreviews {
  showsMessagePreviews
}
    `, {"hash":"a3dc9897408a7c163bb1866243d998b8e78eb977db9cfcd3e87cf7a0550bdf21"}) as unknown as TypedDocumentString<ShowsMessagePreviewsQuery, ShowsMessagePreviewsQueryVariables>;
export const StartConversationDocument = new TypedDocumentString(`
    mutation StartConversation($input: StartConversationInput!) {
  startConversation(input: $input) {
    ...MessageItem
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"a6e91c42813be7a6ad1be7325de291cb6f70521bdabeb609c4f956489bdc12fe"}) as unknown as TypedDocumentString<StartConversationMutation, StartConversationMutationVariables>;
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    ...MessageItem
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"3a587e5e19a0fe3403579d375335337f2ee9617c4ae7c25defe1afe937240f7e"}) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const AcceptMessageRequestDocument = new TypedDocumentString(`
    mutation AcceptMessageRequest($input: ConversationInput!) {
  acceptMessageRequest(input: $input) {
    ...ConversationSummary
  }
}
    fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"8a881c1c3a3f72f9cc98a23988369d3d5dcd13f71c3d2dfccdd0576fea2bc974"}) as unknown as TypedDocumentString<AcceptMessageRequestMutation, AcceptMessageRequestMutationVariables>;
export const DeclineMessageRequestDocument = new TypedDocumentString(`
    mutation DeclineMessageRequest($input: ConversationInput!) {
  declineMessageRequest(input: $input) {
    ...ConversationSummary
  }
}
    fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"7a4d6cce9069f7d5042d81717c3e8631e3733c735832055f3a935dfc5ce8d5cc"}) as unknown as TypedDocumentString<DeclineMessageRequestMutation, DeclineMessageRequestMutationVariables>;
export const MarkConversationReadDocument = new TypedDocumentString(`
    mutation MarkConversationRead($input: MarkConversationReadInput!) {
  markConversationRead(input: $input) {
    ...ConversationSummary
  }
}
    fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"d92116f5df8f3c05fd0dd37959690be567143eec7bea2070d1e7e4d3f6805c76"}) as unknown as TypedDocumentString<MarkConversationReadMutation, MarkConversationReadMutationVariables>;
export const LeaveConversationDocument = new TypedDocumentString(`
    mutation LeaveConversation($input: ConversationInput!) {
  leaveConversation(input: $input) {
    conversationId
  }
}
    `, {"hash":"4d24d846789d75028a07f152689e8053dfc4bc62460858bd89a3f8a8e87d2315"}) as unknown as TypedDocumentString<LeaveConversationMutation, LeaveConversationMutationVariables>;
export const MuteConversationDocument = new TypedDocumentString(`
    mutation MuteConversation($input: MuteConversationInput!) {
  muteConversation(input: $input) {
    ...ConversationSummary
  }
}
    fragment ConversationSummary on Conversation {
  id
  standing
  unreadCount
  mutedUntil
  readOnly
  createdAt
  lastMessageAt
  startedBy {
    ...AuthorSummary
  }
  members {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"a4a9d02760fcbefc336178aa5ff9e29182b17b439e924cec00ba795b16420422"}) as unknown as TypedDocumentString<MuteConversationMutation, MuteConversationMutationVariables>;
export const SetMessageRequestsDocument = new TypedDocumentString(`
    mutation SetMessageRequests($input: SetMessageRequestsInput!) {
  setMessageRequests(input: $input)
}
    `, {"hash":"864ee630da0b5acf3a7d96f61a41a9edeb65c02140eea91a2a50d46b4780e226"}) as unknown as TypedDocumentString<SetMessageRequestsMutation, SetMessageRequestsMutationVariables>;
export const SetMessagePreviewsDocument = new TypedDocumentString(`
    mutation SetMessagePreviews($input: SetMessagePreviewsInput!) {
  setMessagePreviews(input: $input)
}
    `, {"hash":"e5da8fe5d9fbd1139cd24d7e6ab7631163493ed0f3aeb6f68ac490fa0e99fae8"}) as unknown as TypedDocumentString<SetMessagePreviewsMutation, SetMessagePreviewsMutationVariables>;
export const ConversationUpdatesDocument = new TypedDocumentString(`
    subscription ConversationUpdates($conversationId: ID!, $after: String) {
  conversationUpdates(conversationId: $conversationId, after: $after) {
    kind
    cursor
    message {
      ...MessageItem
    }
  }
}
    fragment MessageItem on Message {
  id
  conversationId
  body
  jobId
  createdAt
  author {
    ...AuthorSummary
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"352f3dd89af2a498a1924d15487a6aac4b753436754e3edabee4d84a846f6133"}) as unknown as TypedDocumentString<ConversationUpdatesSubscription, ConversationUpdatesSubscriptionVariables>;
export const ReportDocument = new TypedDocumentString(`
    mutation Report($input: ReportInput!) {
  report(input: $input) {
    ...ReportItem
  }
}
    fragment ReportItem on Report {
  id
  targetKind
  targetId
  reason
  note
  status
  action
  createdAt
  resolvedAt
}`, {"hash":"438e3f21ee86cbc843ec698067702d3b1ec212a1fc39680a550e940f53afd5a1"}) as unknown as TypedDocumentString<ReportMutation, ReportMutationVariables>;
export const MyReportsDocument = new TypedDocumentString(`
    query MyReports($first: Int, $after: String) {
  myReports(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...ReportItem
      }
    }
  }
}
    fragment ReportItem on Report {
  id
  targetKind
  targetId
  reason
  note
  status
  action
  createdAt
  resolvedAt
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"153072e87cd1eec32fdfe3db16c6b9e396f0f7beef4e8e2cd5cb8262db23aa36"}) as unknown as TypedDocumentString<MyReportsQuery, MyReportsQueryVariables>;
export const ModerationQueueDocument = new TypedDocumentString(`
    query ModerationQueue($filter: ModerationQueueFilter, $first: Int, $after: String) {
  moderationQueue(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        targetKind
        targetId
        groupId
        status
        reportCount
        latestReportAt
        subject {
          ...AuthorSummary
        }
        reports(first: 10) {
          ...ReportItem
          reporter {
            ...AuthorSummary
          }
        }
      }
    }
  }
}
    fragment ReportItem on Report {
  id
  targetKind
  targetId
  reason
  note
  status
  action
  createdAt
  resolvedAt
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"8cf94930d663417e1c979a3e12ceb8c9622967832e15ff38247bb8b4a326bad5"}) as unknown as TypedDocumentString<ModerationQueueQuery, ModerationQueueQueryVariables>;
export const ResolveReportDocument = new TypedDocumentString(`
    mutation ResolveReport($input: ResolveReportInput!) {
  resolveReport(input: $input) {
    ...ReportItem
  }
}
    fragment ReportItem on Report {
  id
  targetKind
  targetId
  reason
  note
  status
  action
  createdAt
  resolvedAt
}`, {"hash":"b56d8bba28bce21fc90b9b8ff526899a90a39dff08d4b055ad53f613ea67744f"}) as unknown as TypedDocumentString<ResolveReportMutation, ResolveReportMutationVariables>;
export const ModerationLogDocument = new TypedDocumentString(`
    query ModerationLog($groupId: ID, $first: Int, $after: String) {
  moderationLog(groupId: $groupId, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        id
        action
        targetKind
        targetId
        groupId
        note
        until
        createdAt
        actor {
          ...AuthorSummary
        }
        subject {
          ...AuthorSummary
        }
      }
    }
  }
}
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"d6ce546d9e99adbaa0b6807007a91dd7c7d3eff915cdf59fae07367ad1067e35"}) as unknown as TypedDocumentString<ModerationLogQuery, ModerationLogQueryVariables>;
export const ShieldedTopicsDocument = new TypedDocumentString(`
    query ShieldedTopics {
  shieldedTopics
}
    `, {"hash":"3c6d40bab8be05555a8b73409578a103d5ad3fc792e0eeb461cbf5a4923e9d5e"}) as unknown as TypedDocumentString<ShieldedTopicsQuery, ShieldedTopicsQueryVariables>;
export const SetShieldedTopicsDocument = new TypedDocumentString(`
    mutation SetShieldedTopics($topics: [SensitiveTopic!]!) {
  setShieldedTopics(input: {topics: $topics})
}
    `, {"hash":"0a4485ea00897ac16bce9036e96fd70618b949545a1d915bdc8a95216b36a8d1"}) as unknown as TypedDocumentString<SetShieldedTopicsMutation, SetShieldedTopicsMutationVariables>;
export const SetThreadSensitiveTopicsDocument = new TypedDocumentString(`
    mutation SetThreadSensitiveTopics($threadId: ID!, $topics: [SensitiveTopic!]!) {
  setThreadSensitiveTopics(input: {threadId: $threadId, topics: $topics}) {
    id
    sensitiveTopics
  }
}
    `, {"hash":"f4f553d24097ed23a5a52dcf586452183d68ac4f5da47ba28af40784eb7a2bc5"}) as unknown as TypedDocumentString<SetThreadSensitiveTopicsMutation, SetThreadSensitiveTopicsMutationVariables>;
export const GroupAnonymousPostsDocument = new TypedDocumentString(`
    query GroupAnonymousPosts($id: ID!) {
  group(id: $id) {
    id
    allowAnonymousPosts
  }
}
    `, {"hash":"62c32b24faa0aa655845e789339797bafea00812917ae39d4edcc5a8c63459a4"}) as unknown as TypedDocumentString<GroupAnonymousPostsQuery, GroupAnonymousPostsQueryVariables>;
export const SetAnonymousPostsDocument = new TypedDocumentString(`
    mutation SetAnonymousPosts($input: SetAnonymousPostsInput!) {
  setAnonymousPosts(input: $input) {
    id
    allowAnonymousPosts
  }
}
    `, {"hash":"d986e61a3b20b929235c52168eee933a383110b0b8d3cb911dc3259ff884ac70"}) as unknown as TypedDocumentString<SetAnonymousPostsMutation, SetAnonymousPostsMutationVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...NotificationItem
      }
    }
  }
}
    fragment NotificationItem on Notification {
  id
  kind
  title
  count
  groupId
  threadId
  replyId
  eventId
  conversationId
  messageId
  actor {
    ...AuthorSummary
  }
  read
  createdAt
  updatedAt
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"8a567a01608c0d58b1a71c7298e3a2a1395c02fa5f13caa199787a6cd8f03697"}) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const UnreadNotificationCountDocument = new TypedDocumentString(`
    query UnreadNotificationCount {
  unreadNotificationCount
}
    `, {"hash":"dcaff2ad9c68794a7528d4ec7ed97809a40f2fbb54acd15c6586b339adef7bac"}) as unknown as TypedDocumentString<UnreadNotificationCountQuery, UnreadNotificationCountQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
  markNotificationsRead(input: $input) {
    marked
    unreadCount
  }
}
    `, {"hash":"406792753ddcb5260eaf597436df73c20a34c978d11309b0df6a2a94b46611dc"}) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const NotificationEventsDocument = new TypedDocumentString(`
    subscription NotificationEvents {
  notificationEvents {
    kind
    notificationId
    unreadCount
  }
}
    `, {"hash":"3c79d432da1523ee3d51e6991ce20037cf4e79ee96b9e85afc8b3692aa3e40d6"}) as unknown as TypedDocumentString<NotificationEventsSubscription, NotificationEventsSubscriptionVariables>;
export const NotificationProgramsDocument = new TypedDocumentString(`
    query NotificationPrograms($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    edges {
      node {
        id
        kind
        programId
      }
    }
  }
}
    `, {"hash":"eecec7468edf523e8e4be332867f84454377bc4a1182a34d946a0840ca412621"}) as unknown as TypedDocumentString<NotificationProgramsQuery, NotificationProgramsQueryVariables>;
export const NotificationPreferencesDocument = new TypedDocumentString(`
    query NotificationPreferences {
  notificationPreferences {
    ...NotificationPreferenceItem
  }
}
    fragment NotificationPreferenceItem on NotificationPreference {
  kind
  inApp
  push
  email
}`, {"hash":"1bd885f345ab7df04c2b7d84b1caddea3c9860bf571191dcd9f82cfbe16b7bfb"}) as unknown as TypedDocumentString<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const SetNotificationPreferenceDocument = new TypedDocumentString(`
    mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
  setNotificationPreference(input: $input) {
    ...NotificationPreferenceItem
  }
}
    fragment NotificationPreferenceItem on NotificationPreference {
  kind
  inApp
  push
  email
}`, {"hash":"df1efcb377b604e9b8d3713ecc1c1ba97edfe1d83596ea375562e26b0fae9094"}) as unknown as TypedDocumentString<SetNotificationPreferenceMutation, SetNotificationPreferenceMutationVariables>;
export const MuteThreadDocument = new TypedDocumentString(`
    mutation MuteThread($input: MuteThreadInput!) {
  muteThread(input: $input) {
    ...MuteState
  }
}
    fragment MuteState on MutePayload {
  subjectId
  muted
  until
}`, {"hash":"78da02a69f4b371c1a404975c30ffe6f15b1890e2035290ec2cae37f112ac7ef"}) as unknown as TypedDocumentString<MuteThreadMutation, MuteThreadMutationVariables>;
export const UnmuteThreadDocument = new TypedDocumentString(`
    mutation UnmuteThread($input: ThreadRefInput!) {
  unmuteThread(input: $input) {
    ...MuteState
  }
}
    fragment MuteState on MutePayload {
  subjectId
  muted
  until
}`, {"hash":"b2dc112fcc88f8cdcdcfd23e54f8b0339929e69edd74b941e1ea776025568b1b"}) as unknown as TypedDocumentString<UnmuteThreadMutation, UnmuteThreadMutationVariables>;
export const MuteGroupDocument = new TypedDocumentString(`
    mutation MuteGroup($input: MuteGroupInput!) {
  muteGroup(input: $input) {
    ...MuteState
  }
}
    fragment MuteState on MutePayload {
  subjectId
  muted
  until
}`, {"hash":"c9ac3a2e911541185b8765617a36c9f423d5a56e8b14f10339cc7ac93b546ee6"}) as unknown as TypedDocumentString<MuteGroupMutation, MuteGroupMutationVariables>;
export const UnmuteGroupDocument = new TypedDocumentString(`
    mutation UnmuteGroup($input: GroupRefInput!) {
  unmuteGroup(input: $input) {
    ...MuteState
  }
}
    fragment MuteState on MutePayload {
  subjectId
  muted
  until
}`, {"hash":"befba79a190ee86e4197c292acc8b8fd36c6d7edefae88a7be6e57acbcc2a333"}) as unknown as TypedDocumentString<UnmuteGroupMutation, UnmuteGroupMutationVariables>;
export const QuietHoursDocument = new TypedDocumentString(`
    query QuietHours {
  quietHours {
    ...QuietHoursSettings
  }
}
    fragment QuietHoursSettings on QuietHours {
  timeZone
  windows {
    start
    end
  }
}`, {"hash":"7c802a8ffe8662f258ae9b284d2b29ef9e5967f726c8d31e103b97b19278f730"}) as unknown as TypedDocumentString<QuietHoursQuery, QuietHoursQueryVariables>;
export const SetQuietHoursDocument = new TypedDocumentString(`
    mutation SetQuietHours($input: SetQuietHoursInput!) {
  setQuietHours(input: $input) {
    ...QuietHoursSettings
  }
}
    fragment QuietHoursSettings on QuietHours {
  timeZone
  windows {
    start
    end
  }
}`, {"hash":"e4b47ec47d72eff29dcdbb5b623b2eda258d6be8df568428f5593bc08a58c493"}) as unknown as TypedDocumentString<SetQuietHoursMutation, SetQuietHoursMutationVariables>;
export const DigestSettingsDocument = new TypedDocumentString(`
    query DigestSettings {
  digestSettings {
    frequency
    hour
    nextAt
  }
}
    `, {"hash":"1180d4c353a0bcb3e72e383885a053227309d9022be8d58a061adbf6906e985d"}) as unknown as TypedDocumentString<DigestSettingsQuery, DigestSettingsQueryVariables>;
export const SetDigestDocument = new TypedDocumentString(`
    mutation SetDigest($input: SetDigestInput!) {
  setDigest(input: $input) {
    frequency
    hour
    nextAt
  }
}
    `, {"hash":"bb91289851c774fb9081fc57ce35de9938d50942e17379228ceb1bee4e12c8f9"}) as unknown as TypedDocumentString<SetDigestMutation, SetDigestMutationVariables>;
export const MyProfileDocument = new TypedDocumentString(`
    query MyProfile {
  me {
    ...OwnProfile
  }
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment ProfileDetail on Member {
  id
  displayName
  handle
  avatarUrl
  createdAt
  timezone
  headline
  industry
  city
  neighbourhood
  careerStage
  returnToWorkDate
  interests
  openTo
  bio
  children {
    ...ChildSummary
  }
}
fragment OwnProfile on Member {
  ...ProfileDetail
  email
  fieldVisibility {
    field
    visibility
  }
}`, {"hash":"7e41c6fa26d22b9c1f449c5b428edd4a5d11f4261fa0cdd6db3cc0329dcdf329"}) as unknown as TypedDocumentString<MyProfileQuery, MyProfileQueryVariables>;
export const MemberProfileDocument = new TypedDocumentString(`
    query MemberProfile($id: ID!) {
  member(id: $id) {
    ...ProfileDetail
    connectionStatus
  }
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment ProfileDetail on Member {
  id
  displayName
  handle
  avatarUrl
  createdAt
  timezone
  headline
  industry
  city
  neighbourhood
  careerStage
  returnToWorkDate
  interests
  openTo
  bio
  children {
    ...ChildSummary
  }
}`, {"hash":"b9370a7d430b84c9d3131eda5f1e9528a1bd9509d50796e0cc3053f5f4ade939"}) as unknown as TypedDocumentString<MemberProfileQuery, MemberProfileQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    ...OwnProfile
  }
}
    fragment ChildSummary on Child {
  bornYear
  bornMonth
  dueDate
  ageMonths
}
fragment ProfileDetail on Member {
  id
  displayName
  handle
  avatarUrl
  createdAt
  timezone
  headline
  industry
  city
  neighbourhood
  careerStage
  returnToWorkDate
  interests
  openTo
  bio
  children {
    ...ChildSummary
  }
}
fragment OwnProfile on Member {
  ...ProfileDetail
  email
  fieldVisibility {
    field
    visibility
  }
}`, {"hash":"d7b73919048722e6ede6d8f30195fa16912cc5ac04aa8bc873c70ba3cb0bbacf"}) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const RequestConnectionDocument = new TypedDocumentString(`
    mutation RequestConnection($input: MemberRefInput!) {
  requestConnection(input: $input) {
    ...ConnectionChange
  }
}
    fragment ConnectionChange on ConnectionPayload {
  status
  member {
    ...AuthorSummary
    connectionStatus
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"86e6d6f376c0628dad44f1228e86e721172c46e2445951ee5b99ef42f909818a"}) as unknown as TypedDocumentString<RequestConnectionMutation, RequestConnectionMutationVariables>;
export const AcceptConnectionDocument = new TypedDocumentString(`
    mutation AcceptConnection($input: MemberRefInput!) {
  acceptConnection(input: $input) {
    ...ConnectionChange
  }
}
    fragment ConnectionChange on ConnectionPayload {
  status
  member {
    ...AuthorSummary
    connectionStatus
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"b1abad52440979cec68f7828ec5a0a78f7449e122c9e89ed0b1119894e6c2b88"}) as unknown as TypedDocumentString<AcceptConnectionMutation, AcceptConnectionMutationVariables>;
export const RemoveConnectionDocument = new TypedDocumentString(`
    mutation RemoveConnection($input: MemberRefInput!) {
  removeConnection(input: $input) {
    ...ConnectionChange
  }
}
    fragment ConnectionChange on ConnectionPayload {
  status
  member {
    ...AuthorSummary
    connectionStatus
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"af1137781ba40a74eff6e7fe812716b7eb9b8092c364b7bcffe7742453679fcf"}) as unknown as TypedDocumentString<RemoveConnectionMutation, RemoveConnectionMutationVariables>;
export const BlockMemberDocument = new TypedDocumentString(`
    mutation BlockMember($input: MemberRefInput!) {
  blockMember(input: $input) {
    ...AuthorSummary
    connectionStatus
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"d60f5bbcb4cbee19231092e77256ce25b9279365b1e9aafeacff1416e7f37b44"}) as unknown as TypedDocumentString<BlockMemberMutation, BlockMemberMutationVariables>;
export const UnblockMemberDocument = new TypedDocumentString(`
    mutation UnblockMember($input: MemberRefInput!) {
  unblockMember(input: $input) {
    ...AuthorSummary
    connectionStatus
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"802d2a439ddcacdfae781eb73b11ff64949355e38665d3a2aa02786e8556677a"}) as unknown as TypedDocumentString<UnblockMemberMutation, UnblockMemberMutationVariables>;
export const ProgramsDocument = new TypedDocumentString(`
    query Programs($filter: ProgramsFilter, $first: Int, $after: String) {
  programs(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...ProgramSummary
      }
    }
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"31fa98073fe00c3bedaadfb2b43b9047dbfe3e6b346d2b059b4c44d5cc8fc260"}) as unknown as TypedDocumentString<ProgramsQuery, ProgramsQueryVariables>;
export const ProgramDocument = new TypedDocumentString(`
    query Program($id: ID!) {
  program(id: $id) {
    ...ProgramSummary
    organiser {
      id
      displayName
    }
    cohort {
      id
      name
    }
    sessions {
      title
      startsAt
      endsAt
      timezone
      city
      online
      cancelled
      event {
        id
        location
        onlineUrl
      }
    }
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}`, {"hash":"58d3577e1b47b099f2fb9e6882d790c7918abc8e6106997992092e2ae5a15dcb"}) as unknown as TypedDocumentString<ProgramQuery, ProgramQueryVariables>;
export const CreateProgramDocument = new TypedDocumentString(`
    mutation CreateProgram($input: CreateProgramInput!) {
  createProgram(input: $input) {
    ...ProgramSummary
    cohort {
      id
    }
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}`, {"hash":"c4aed60ec76485ec3cb7ffe17da146513389a23487c1776323c21cc994219310"}) as unknown as TypedDocumentString<CreateProgramMutation, CreateProgramMutationVariables>;
export const EnrollInProgramDocument = new TypedDocumentString(`
    mutation EnrollInProgram($input: EnrollInProgramInput!) {
  enrollInProgram(input: $input) {
    ...ProgramSummary
    cohort {
      id
    }
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}`, {"hash":"a9833f89833062e9db976abf40b7181a97875a19169efe89fad07d2a115784c7"}) as unknown as TypedDocumentString<EnrollInProgramMutation, EnrollInProgramMutationVariables>;
export const LeaveProgramDocument = new TypedDocumentString(`
    mutation LeaveProgram($input: ProgramRefInput!) {
  leaveProgram(input: $input) {
    ...ProgramSummary
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}`, {"hash":"a96aca2b2acc7127403e25e786f6f6c29d31224d677929e8045dc0b2cf73aa1a"}) as unknown as TypedDocumentString<LeaveProgramMutation, LeaveProgramMutationVariables>;
export const RemoveFromProgramDocument = new TypedDocumentString(`
    mutation RemoveFromProgram($input: RemoveFromProgramInput!) {
  removeFromProgram(input: $input) {
    ...ProgramSummary
  }
}
    fragment ProgramSummary on Program {
  id
  title
  description
  lifeStage
  capacity
  enrolledCount
  waitlistCount
  startsAt
  endsAt
  group {
    id
    name
  }
  viewerEnrollment {
    status
    waitlistPosition
  }
}`, {"hash":"c9fd99c22c764b486fd0050fe7f4b70a6ba4baa80eb255dde5c35e0bf7ef7814"}) as unknown as TypedDocumentString<RemoveFromProgramMutation, RemoveFromProgramMutationVariables>;
export const VapidPublicKeyDocument = new TypedDocumentString(`
    query VapidPublicKey {
  vapidPublicKey
}
    `, {"hash":"602606b043a67c582b1ab4bd4ac7b5ba148a38655e0b861b818ed3db33d53aa4"}) as unknown as TypedDocumentString<VapidPublicKeyQuery, VapidPublicKeyQueryVariables>;
export const MyPushSubscriptionsDocument = new TypedDocumentString(`
    query MyPushSubscriptions {
  myPushSubscriptions {
    ...PushDevice
  }
}
    fragment PushDevice on PushSubscription {
  id
  endpoint
  userAgent
  createdAt
}`, {"hash":"d0c1dd349189bcb43ab8b3b5a2f12bca0e0dc50bce978a1ddc4f25ad5f2cfbcf"}) as unknown as TypedDocumentString<MyPushSubscriptionsQuery, MyPushSubscriptionsQueryVariables>;
export const RegisterPushSubscriptionDocument = new TypedDocumentString(`
    mutation RegisterPushSubscription($input: RegisterPushSubscriptionInput!) {
  registerPushSubscription(input: $input) {
    ...PushDevice
  }
}
    fragment PushDevice on PushSubscription {
  id
  endpoint
  userAgent
  createdAt
}`, {"hash":"630ef994d928ebd8bd0033a645e76fde128caa3f91b0427ef0e1ab4abcb220ad"}) as unknown as TypedDocumentString<RegisterPushSubscriptionMutation, RegisterPushSubscriptionMutationVariables>;
export const RemovePushSubscriptionDocument = new TypedDocumentString(`
    mutation RemovePushSubscription($input: RemovePushSubscriptionInput!) {
  removePushSubscription(input: $input) {
    removedId
  }
}
    `, {"hash":"b4079d88e0cdd70adbc843ce9fb64325d8b07682396c800233b376fa9ff54978"}) as unknown as TypedDocumentString<RemovePushSubscriptionMutation, RemovePushSubscriptionMutationVariables>;
export const RegisterDeviceDocument = new TypedDocumentString(`
    mutation RegisterDevice($input: RegisterDeviceInput!) {
  registerDevice(input: $input) {
    ...NativePushDevice
  }
}
    fragment NativePushDevice on NativeDevice {
  __typename
  id
  transport
  name
  appId
  environment
  createdAt
}`, {"hash":"82ce53b5e8eb5de5323376d96ced5bb7aa6b98f20cd0243d7a5272417965d2de"}) as unknown as TypedDocumentString<RegisterDeviceMutation, RegisterDeviceMutationVariables>;
export const RemoveDeviceDocument = new TypedDocumentString(`
    mutation RemoveDevice($input: RemoveDeviceInput!) {
  removeDevice(input: $input) {
    removedId
  }
}
    `, {"hash":"90445ed2dee9a34cabc0f49f6b6654ffd891929f8fe39ab6dc0f07906f9ea2a5"}) as unknown as TypedDocumentString<RemoveDeviceMutation, RemoveDeviceMutationVariables>;
export const MyDevicesDocument = new TypedDocumentString(`
    query MyDevices {
  myDevices {
    __typename
    id
    transport
    name
    createdAt
    ... on PushSubscription {
      endpoint
    }
    ... on NativeDevice {
      appId
      environment
    }
  }
}
    `, {"hash":"d5365f68812d0338741755ce64ac7d56c70c74d4efc1b5524abcd792c8694354"}) as unknown as TypedDocumentString<MyDevicesQuery, MyDevicesQueryVariables>;
export const ResourcesDocument = new TypedDocumentString(`
    query Resources($filter: ResourceFilterInput, $first: Int, $after: String) {
  resources(filter: $filter, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...ResourceSummary
      }
    }
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"11ca48c9e2d76bdebe5b9b799a8e3aa295ec1ce6df3c057ccd51f109be870c28"}) as unknown as TypedDocumentString<ResourcesQuery, ResourcesQueryVariables>;
export const ResourceDocument = new TypedDocumentString(`
    query Resource($id: ID!) {
  resource(id: $id) {
    ...ResourceSummary
    body
    updatedAt
    publishedBy {
      ...AuthorSummary
    }
    editedBy {
      ...AuthorSummary
    }
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"a7cfe61337d2f6e7e73c73a2879c7cc859ff8c40aaef2fbe3b6e439b84743f38"}) as unknown as TypedDocumentString<ResourceQuery, ResourceQueryVariables>;
export const RecommendedResourcesDocument = new TypedDocumentString(`
    query RecommendedResources($first: Int) {
  recommendedResources(first: $first) {
    ...ResourceSummary
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}`, {"hash":"4e43b8155dc717124f3d8de2befe5c9a0d2bcb515e2436a4dd2c045c70894bc5"}) as unknown as TypedDocumentString<RecommendedResourcesQuery, RecommendedResourcesQueryVariables>;
export const BookmarksDocument = new TypedDocumentString(`
    query Bookmarks($first: Int, $after: String) {
  bookmarks(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...ResourceSummary
      }
    }
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"a2ad16c829f3880857cddc0e4f6bc569f140e39ae7579f5d9877618ecda7d787"}) as unknown as TypedDocumentString<BookmarksQuery, BookmarksQueryVariables>;
export const BookmarkResourceDocument = new TypedDocumentString(`
    mutation BookmarkResource($input: ResourceInput!) {
  bookmarkResource(input: $input) {
    id
    bookmarked
  }
}
    `, {"hash":"7cd0cac65d966032b5bb5b4c0c74536bf3fe8cb6bbb17c3a8688819365913a00"}) as unknown as TypedDocumentString<BookmarkResourceMutation, BookmarkResourceMutationVariables>;
export const UnbookmarkResourceDocument = new TypedDocumentString(`
    mutation UnbookmarkResource($input: ResourceInput!) {
  unbookmarkResource(input: $input) {
    id
    bookmarked
  }
}
    `, {"hash":"cf09dd332e41984ef1b4ddaa5b018a5097a07b4e1c3bbc245c999bb0b74c9a0f"}) as unknown as TypedDocumentString<UnbookmarkResourceMutation, UnbookmarkResourceMutationVariables>;
export const PublishResourceDocument = new TypedDocumentString(`
    mutation PublishResource($input: PublishResourceInput!) {
  publishResource(input: $input) {
    ...ResourceSummary
    body
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}`, {"hash":"91dccbb9e2d11187fd9e3898babb7b54778bbc3660242aee16af73d5f925c2a7"}) as unknown as TypedDocumentString<PublishResourceMutation, PublishResourceMutationVariables>;
export const EditResourceDocument = new TypedDocumentString(`
    mutation EditResource($input: EditResourceInput!) {
  editResource(input: $input) {
    ...ResourceSummary
    body
  }
}
    fragment ResourceSummary on Resource {
  id
  title
  summary
  kind
  url
  topics
  lifeStages
  childAges
  bookmarked
  publishedAt
  group {
    id
    name
  }
}`, {"hash":"0d0ccf8967fe888be79500b0911aa956788f21577c29071e7337264d0f91b11a"}) as unknown as TypedDocumentString<EditResourceMutation, EditResourceMutationVariables>;
export const UnpublishResourceDocument = new TypedDocumentString(`
    mutation UnpublishResource($input: ResourceInput!) {
  unpublishResource(input: $input)
}
    `, {"hash":"b70c8234e0273c1f2d9156660ea1a493e901d70eb59965136a33595f8d32a02d"}) as unknown as TypedDocumentString<UnpublishResourceMutation, UnpublishResourceMutationVariables>;
export const SuggestResourceDocument = new TypedDocumentString(`
    mutation SuggestResource($input: SuggestResourceInput!) {
  suggestResource(input: $input) {
    ...SuggestionItem
  }
}
    fragment SuggestionItem on ResourceSuggestion {
  id
  url
  note
  status
  createdAt
  reviewedAt
}`, {"hash":"57dba4fa10c0c47a1f4a7efd4ea66bac0f7cb42b0f851e23e7652caf1bd6cff0"}) as unknown as TypedDocumentString<SuggestResourceMutation, SuggestResourceMutationVariables>;
export const ResourceSuggestionsDocument = new TypedDocumentString(`
    query ResourceSuggestions($status: ResourceSuggestionStatus, $first: Int, $after: String) {
  resourceSuggestions(status: $status, first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...SuggestionItem
        suggestedBy {
          ...AuthorSummary
        }
      }
    }
  }
}
    fragment SuggestionItem on ResourceSuggestion {
  id
  url
  note
  status
  createdAt
  reviewedAt
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"d0891e5cb64e8b9251faf66b62996c0aa3eb5a4a9a889c2680c43dfce36baab8"}) as unknown as TypedDocumentString<ResourceSuggestionsQuery, ResourceSuggestionsQueryVariables>;
export const ReviewResourceSuggestionDocument = new TypedDocumentString(`
    mutation ReviewResourceSuggestion($input: ReviewSuggestionInput!) {
  reviewResourceSuggestion(input: $input) {
    ...SuggestionItem
  }
}
    fragment SuggestionItem on ResourceSuggestion {
  id
  url
  note
  status
  createdAt
  reviewedAt
}`, {"hash":"8857996f443fe7208f4094787bd6e12e53d33de173892e38777639408d52dad1"}) as unknown as TypedDocumentString<ReviewResourceSuggestionMutation, ReviewResourceSuggestionMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    ...Session
  }
}
    fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  member {
    id
    displayName
    handle
    email
    emailVerified
  }
}`, {"hash":"696e0e314ea65b9a6f1ff5b2ae4e3cf7c44f9e6acc3b95746f4276ce9b03b1d2"}) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    ...Session
  }
}
    fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  member {
    id
    displayName
    handle
    email
    emailVerified
  }
}`, {"hash":"0640d5bd25ebd32141fc2a77ccd119b7eb7290ea5149c6aa57dc317fa71c2786"}) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const RefreshSessionDocument = new TypedDocumentString(`
    mutation RefreshSession($input: RefreshSessionInput!) {
  refreshSession(input: $input) {
    ...Session
  }
}
    fragment Session on AuthPayload {
  accessToken
  accessTokenExpiresAt
  refreshToken
  member {
    id
    displayName
    handle
    email
    emailVerified
  }
}`, {"hash":"3db8d0b52ced59bdfa03d48a62681a0eeb4e605aed322cc30a860ec9200751b1"}) as unknown as TypedDocumentString<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut($input: SignOutInput) {
  signOut(input: $input) {
    sessionsEnded
  }
}
    `, {"hash":"332ba791e23bc333c073329dafd8d891f3764a2a10b0b5fbd26fffa6e6161a6b"}) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const SignOutEverywhereDocument = new TypedDocumentString(`
    mutation SignOutEverywhere {
  signOutEverywhere {
    sessionsEnded
  }
}
    `, {"hash":"f571fc7d5a5bf2c3b816d10c1a719bf6933af5aad40e2a54db5a45db8b662895"}) as unknown as TypedDocumentString<SignOutEverywhereMutation, SignOutEverywhereMutationVariables>;
export const SuggestedMembersDocument = new TypedDocumentString(`
    query SuggestedMembers($first: Int) {
  suggestedMembers(first: $first) {
    member {
      ...AuthorSummary
    }
    reasons
    summary
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}`, {"hash":"12302e90c34bb247737d78e19b4d4d9babcdb3da575ca317792f761c3df84409"}) as unknown as TypedDocumentString<SuggestedMembersQuery, SuggestedMembersQueryVariables>;
export const DismissSuggestionDocument = new TypedDocumentString(`
    mutation DismissSuggestion($input: DismissSuggestionInput!) {
  dismissSuggestion(input: $input)
}
    `, {"hash":"13dcef3ed4e6ae07550b21b5d9a8ca345703e40217dafc87fba5f233f2a6b47c"}) as unknown as TypedDocumentString<DismissSuggestionMutation, DismissSuggestionMutationVariables>;
export const SurveysDocument = new TypedDocumentString(`
    query Surveys($first: Int, $after: String) {
  surveys(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      node {
        ...SurveySummary
      }
    }
  }
}
    fragment SurveySummary on Survey {
  id
  title
  anonymous
  opensAt
  closesAt
  open
  responseCount
  viewerAnswered
}
fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}`, {"hash":"9bbc5da136df99aa1fa13d6712519b70c33ad8bbdc0fcf903e891a5c23a4ca85"}) as unknown as TypedDocumentString<SurveysQuery, SurveysQueryVariables>;
export const SurveyDocument = new TypedDocumentString(`
    query Survey($id: ID!) {
  survey(id: $id) {
    ...SurveySummary
    intro
    groupId
    eventId
    programId
    questions {
      id
      kind
      prompt
      options
      required
    }
    viewerAnswers {
      questionId
      text
      choices
      scale
    }
  }
}
    fragment SurveySummary on Survey {
  id
  title
  anonymous
  opensAt
  closesAt
  open
  responseCount
  viewerAnswered
}`, {"hash":"f1a0afb87bd1b0cd685baf10a79acae33cddc04e9e1b98b1d35920974dd49f35"}) as unknown as TypedDocumentString<SurveyQuery, SurveyQueryVariables>;
export const AnswerSurveyDocument = new TypedDocumentString(`
    mutation AnswerSurvey($input: AnswerSurveyInput!) {
  answerSurvey(input: $input) {
    editKey
    survey {
      ...SurveySummary
    }
  }
}
    fragment SurveySummary on Survey {
  id
  title
  anonymous
  opensAt
  closesAt
  open
  responseCount
  viewerAnswered
}`, {"hash":"504b69da8b99c7b9429e83f0a6b3c7065f1addde7ee89843f9c8fe650809c4d6"}) as unknown as TypedDocumentString<AnswerSurveyMutation, AnswerSurveyMutationVariables>;
export const CreateSurveyDocument = new TypedDocumentString(`
    mutation CreateSurvey($input: CreateSurveyInput!) {
  createSurvey(input: $input) {
    ...SurveySummary
    questions {
      id
    }
  }
}
    fragment SurveySummary on Survey {
  id
  title
  anonymous
  opensAt
  closesAt
  open
  responseCount
  viewerAnswered
}`, {"hash":"c86475fae36088e03d8112e4218c429a495c97b34fb0af10e33efb466e342425"}) as unknown as TypedDocumentString<CreateSurveyMutation, CreateSurveyMutationVariables>;
export const SurveyResultsDocument = new TypedDocumentString(`
    query SurveyResults($id: ID!, $by: SurveyBreakdown!) {
  surveyResults(id: $id) {
    responseCount
    questions {
      question {
        id
        prompt
        kind
      }
      answered
      average
      options {
        label
        count
      }
      textAnswers {
        text
        member {
          id
          displayName
        }
      }
    }
    breakdown(by: $by) {
      minimumGroup
      suppressedResponses
      groups {
        value
        responses
        questions {
          question {
            id
          }
          average
          options {
            label
            count
          }
        }
      }
    }
  }
}
    `, {"hash":"eeb339ffe8daed564f96c231b2ae7495eb8cdc9bbbe7fe2bce198a51c4223eb1"}) as unknown as TypedDocumentString<SurveyResultsQuery, SurveyResultsQueryVariables>;
export const SurveyResultsCsvDocument = new TypedDocumentString(`
    query SurveyResultsCsv($id: ID!) {
  surveyResults(id: $id) {
    csv
  }
}
    `, {"hash":"ac8a30b7279289f1693cb00248dd39bb0d60ae9db30bbc7b76e91fa01f58097e"}) as unknown as TypedDocumentString<SurveyResultsCsvQuery, SurveyResultsCsvQueryVariables>;
export const NotificationSurveysDocument = new TypedDocumentString(`
    query NotificationSurveys($first: Int, $after: String) {
  notifications(first: $first, after: $after) {
    edges {
      node {
        id
        kind
        surveyId
      }
    }
  }
}
    `, {"hash":"9b8d3d69040abba1572932f80f449e08e54a65ee90acf4a2f10c5228f91e235e"}) as unknown as TypedDocumentString<NotificationSurveysQuery, NotificationSurveysQueryVariables>;
export const FeedDocument = new TypedDocumentString(`
    query Feed($first: Int, $after: String) {
  feed(first: $first, after: $after) {
    pageInfo {
      ...NextPage
    }
    edges {
      cursor
      node {
        ...ThreadSummary
      }
    }
  }
}
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}`, {"hash":"855b517ed69cc40b430d84f12359b6ad863a0dfe16ae720768647854d6265bfd"}) as unknown as TypedDocumentString<FeedQuery, FeedQueryVariables>;
export const ThreadDocument = new TypedDocumentString(`
    query Thread($id: ID!, $first: Int = 20, $after: String) {
  thread(id: $id) {
    ...ThreadDetail
    replies(first: $first, after: $after) {
      pageInfo {
        ...NextPage
      }
      edges {
        cursor
        node {
          ...ReplyItem
        }
      }
    }
  }
}
    fragment NextPage on PageInfo {
  hasNextPage
  endCursor
}
fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}
fragment ThreadDetail on Thread {
  ...ThreadSummary
  body
  editedAt
  viewerFollows
  viewerCanReply
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"3c13a9c95f9789206583f9d738811eabf30852e7b3f43c055bc6f6184e423877"}) as unknown as TypedDocumentString<ThreadQuery, ThreadQueryVariables>;
export const ThreadLatestRepliesDocument = new TypedDocumentString(`
    query ThreadLatestReplies($id: ID!, $last: Int = 20, $before: String) {
  thread(id: $id) {
    id
    replies(last: $last, before: $before) {
      pageInfo {
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...ReplyItem
        }
      }
    }
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"c9cf41150c5bd3c3dc117d4268e9f86bc46b6a4b4d10b62466e0ff169b5a0bbb"}) as unknown as TypedDocumentString<ThreadLatestRepliesQuery, ThreadLatestRepliesQueryVariables>;
export const CreateThreadDocument = new TypedDocumentString(`
    mutation CreateThread($input: CreateThreadInput!) {
  createThread(input: $input) {
    ...ThreadDetail
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}
fragment ThreadDetail on Thread {
  ...ThreadSummary
  body
  editedAt
  viewerFollows
  viewerCanReply
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"d49a40974b0d3480b6e4a56ffc795ce48b644bd1f7463d355a9c2b6db2ae6b64"}) as unknown as TypedDocumentString<CreateThreadMutation, CreateThreadMutationVariables>;
export const PostReplyDocument = new TypedDocumentString(`
    mutation PostReply($input: PostReplyInput!) {
  postReply(input: $input) {
    ...ReplyItem
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"792d34b6f34b1eda7870caecf72f18121b87020c3ef8e1968f43f87f040020d8"}) as unknown as TypedDocumentString<PostReplyMutation, PostReplyMutationVariables>;
export const EditReplyDocument = new TypedDocumentString(`
    mutation EditReply($input: EditReplyInput!) {
  editReply(input: $input) {
    ...ReplyItem
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"ab25b6ff0d04070a88efb9ae71df60a8d6f9cb15a3536c57142014e0cb70186c"}) as unknown as TypedDocumentString<EditReplyMutation, EditReplyMutationVariables>;
export const DeleteReplyDocument = new TypedDocumentString(`
    mutation DeleteReply($input: ReplyRefInput!) {
  deleteReply(input: $input) {
    ...ReplyItem
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"bbfdacdd0e786bea3567c8e850c14b209b8ec58a7683f50afb9b997938fc29e0"}) as unknown as TypedDocumentString<DeleteReplyMutation, DeleteReplyMutationVariables>;
export const ReactDocument = new TypedDocumentString(`
    mutation React($input: ReactInput!) {
  react(input: $input) {
    reacted
    reactions {
      ...ReactionSummary
    }
  }
}
    fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}`, {"hash":"109f1559ffac788fce79a7e4781698ff32180d79e385878a227e32e7f841c736"}) as unknown as TypedDocumentString<ReactMutation, ReactMutationVariables>;
export const FollowThreadDocument = new TypedDocumentString(`
    mutation FollowThread($input: ThreadRefInput!) {
  followThread(input: $input) {
    id
    viewerFollows
  }
}
    `, {"hash":"a24a69cd28931d50b6fa0056074baf2f15b8b219571693c437fbc303a68bd8df"}) as unknown as TypedDocumentString<FollowThreadMutation, FollowThreadMutationVariables>;
export const UnfollowThreadDocument = new TypedDocumentString(`
    mutation UnfollowThread($input: ThreadRefInput!) {
  unfollowThread(input: $input) {
    id
    viewerFollows
  }
}
    `, {"hash":"89a51c37dceb8c0d4d61fefc77d4756d53a26825712da0d8e043bb2705ad91a8"}) as unknown as TypedDocumentString<UnfollowThreadMutation, UnfollowThreadMutationVariables>;
export const PinThreadDocument = new TypedDocumentString(`
    mutation PinThread($input: PinThreadInput!) {
  pinThread(input: $input) {
    id
    pinned
  }
}
    `, {"hash":"62f16829ebceb7c932ae954cd24ca536e83977a26e851ffe7864f5ff956c13a4"}) as unknown as TypedDocumentString<PinThreadMutation, PinThreadMutationVariables>;
export const LockThreadDocument = new TypedDocumentString(`
    mutation LockThread($input: LockThreadInput!) {
  lockThread(input: $input) {
    id
    locked
  }
}
    `, {"hash":"2d7ce19ff45107979fb1e6ca76083185ef4af34e2bae2c0fea82cdaa26c9c32d"}) as unknown as TypedDocumentString<LockThreadMutation, LockThreadMutationVariables>;
export const ThreadUpdatesDocument = new TypedDocumentString(`
    subscription ThreadUpdates($threadId: ID!, $after: String) {
  threadUpdates(threadId: $threadId, after: $after) {
    kind
    cursor
    reply {
      ...ReplyItem
    }
    thread {
      ...ThreadDetail
    }
  }
}
    fragment AuthorSummary on Member {
  id
  displayName
  handle
  avatarUrl
}
fragment ReactionSummary on ReactionCount {
  reaction
  count
  reactedByMe
}
fragment ReplyItem on Reply {
  id
  threadId
  parentReplyId
  state
  author {
    ...AuthorSummary
  }
  body
  createdAt
  editedAt
  reactions {
    ...ReactionSummary
  }
}
fragment ThreadSummary on Thread {
  id
  title
  tags
  pinned
  locked
  replyCount
  createdAt
  lastActivityAt
  author {
    ...AuthorSummary
  }
  group {
    id
    name
  }
}
fragment ThreadDetail on Thread {
  ...ThreadSummary
  body
  editedAt
  viewerFollows
  viewerCanReply
  reactions {
    ...ReactionSummary
  }
}`, {"hash":"08ea87810980c406c12d59303839b64a4b92e48e078a2d0d636d6662c6b555a2"}) as unknown as TypedDocumentString<ThreadUpdatesSubscription, ThreadUpdatesSubscriptionVariables>;