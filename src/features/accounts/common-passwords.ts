// The most common breached passwords (from public breach corpora): attackers try these first, so none may be chosen.
// A short local list, not a lookup service: registration sends nobody any part of anyone's password.

const COMMON: ReadonlySet<string> = new Set([
  'password', '12345678', '123456789', '1234567890', '12345678910', 'qwertyuiop', 'password1', 'password123',
  'password12', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'iloveyou', 'iloveyou1', 'iloveyou2', 'sunshine', 'sunshine1',
  'princess', 'princess1', 'football', 'football1', 'baseball', 'baseball1', 'basketball', 'welcome1', 'welcome123',
  'trustno1', 'superman', 'superman1', 'batman123', '1qaz2wsx', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e4r5t6y',
  'qwerty123', 'qwerty1234', 'qwertyui', 'qwerty12', 'qwerty123456', 'asdfghjkl', 'asdfghjk', 'asdf1234', 'zxcvbnm1',
  'zxcvbnm123', 'zaq12wsx', 'abc12345', 'abcd1234', 'abcdefgh', 'abc123456', 'aa123456', 'a1234567', 'a12345678',
  '11111111', '111111111', '1111111111', '00000000', '000000000', '0000000000', '88888888', '87654321', '987654321',
  '9876543210', '12341234', '12344321', '11223344', '112233445566', '123123123', '123321123', '123456abc',
  '123456789a', '123456789q', '1234qwer', '1234abcd', '12qwaszx', '147258369', '159753456', '159357456', '741852963',
  '789456123', '66666666', '77777777', '99999999', '22222222', '55555555', '12121212', '13131313', '69696969',
  '1234567a', '12345678a', '12345678q', 'q1w2e3r4', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'changeme', 'changeme1',
  'letmein1', 'letmein123', 'administrator', 'admin123', 'admin1234', 'adminadmin', 'administrator1', 'rootroot',
  'root1234', 'master123', 'mastermind', 'michael1', 'jennifer', 'jennifer1', 'jordan23', 'charlie1', 'michelle',
  'michelle1', 'jessica1', 'ashley123', 'nicole123', 'daniel123', 'matthew1', 'anthony1', 'babygirl', 'babygirl1',
  'chocolate', 'chocolate1', 'butterfly', 'butterfly1', 'whatever', 'whatever1', 'computer', 'computer1', 'internet',
  'internet1', 'starwars', 'starwars1', 'pokemon1', 'pokemon123', 'minecraft', 'minecraft1', 'dragon123',
  'monkey123', 'shadow123', 'liverpool', 'liverpool1', 'chelsea1', 'arsenal1', 'manchester', 'iloveu123', 'lovelove',
  'loveyou1', 'loveme123', 'fuckyou1', 'blink182', 'metallica', 'mercedes', 'mustang1', 'corvette', 'ferrari1',
  'hello123', 'helloworld', 'hello1234', 'goodluck', 'thankyou', 'thunder1', 'samsung1', 'samsung123', 'google123',
  'facebook', 'facebook1', 'linkedin', 'twitter1', 'instagram', 'youtube1', 'secret123', 'security', 'password01',
  'password2', 'password3', 'passwort', 'motdepasse', 'contraseña', 'senha123', 'parola123', 'azerty123',
  'azertyuiop', 'qazwsxedc', 'qazwsx123', '1qazxsw2', 'zaq1zaq1', 'zaq1xsw2', '!qaz2wsx', '1q2w3e4r!', 'q1w2e3r4!',
  'p4ssw0rd', 'pa$$w0rd', 'pa$$word', 'passpass', 'testtest', 'test1234', 'test12345', 'guest123', 'user1234',
  'default1', 'welcomewelcome', 'football123', 'soccer123', 'hockey123', 'summer2024', 'winter2024', 'spring2024',
  'autumn2024', 'freedom1', 'princess123', '1234567890q', 'qwer1234', 'asdf;lkj', 'iloveyou!',
]);

/** True when `password` is, ignoring case and surrounding spaces, one of the most common breached passwords. */
export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.trim().toLowerCase());
}

/** How many passwords the list holds (tests check it stays substantial). */
export const COMMON_PASSWORD_COUNT = COMMON.size;
