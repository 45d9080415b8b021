import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.js';

describe('detectLanguage', () => {
  it.each([
    [
      'You will build the services that our team uses to ship payments, and you will own them in production.',
      'en',
    ],
    [
      'Du entwickelst und betreibst Microservices mit Java und arbeitest eng mit dem Produktteam zusammen. Wir bieten dir flexible Arbeitszeiten.',
      'de',
    ],
    [
      'Vous rejoindrez une équipe qui construit la plateforme de paiement et vous serez responsable de la qualité des services.',
      'fr',
    ],
    [
      'Buscamos una persona con experiencia en el desarrollo de servicios para nuestro equipo de pagos y con conocimientos de Java.',
      'es',
    ],
    ['Senior Go Engineer', 'en'],
    ['李华 负责 支付 平台 的 后端 服务 开发 与 运维 工作 以及 团队 管理', 'other'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
