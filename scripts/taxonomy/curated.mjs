// Hand-curated part of the taxonomy. The datasets name most skills but not the way job postings and CVs
// write them (O*NET says "Oracle Java" and "Google Angular", Stack Overflow says "reactjs"), and they give no
// stable ids. These rows come first, so they own their ids, display names and aliases; dataset records that
// name the same skill merge into them.

// id | name | category | aliases (comma-separated)
const TABLE = `
javascript|JavaScript|language|JS,ECMAScript,ES6,ES2015,Vanilla JS
typescript|TypeScript|language|TS
python|Python|language|py,Python 3
go|Go|language|Golang,Go lang
java|Java|language|Oracle Java,Core Java,Java SE
cpp|C++|language|C plus plus,cxx
csharp|C#|language|C Sharp
c|C|language|ANSI C
rust|Rust|language|Rust lang
kotlin|Kotlin|language|
swift|Swift|language|Apple Swift
objective-c|Objective-C|language|ObjC,Obj-C
ruby|Ruby|language|
php|PHP|language|
scala|Scala|language|
r|R|language|R language,RStats,R programming
sql|SQL|language|Structured Query Language
plsql|PL/SQL|language|Oracle PL/SQL
tsql|T-SQL|language|Transact-SQL,TSQL
bash|Bash|language|Bash scripting,Bourne Again Shell
shell|Shell|language|Shell scripting,Shell script,Unix Shell,sh,zsh
powershell|PowerShell|language|Microsoft PowerShell,pwsh
html|HTML|language|HTML5,Hypertext Markup Language
css|CSS|language|CSS3,Cascading Style Sheets
sass|Sass|language|SCSS
less|Less|language|LESS CSS,lesscss
dart|Dart|language|
elixir|Elixir|language|
erlang|Erlang|language|
haskell|Haskell|language|
clojure|Clojure|language|
fsharp|F#|language|F Sharp
lua|Lua|language|
perl|Perl|language|
matlab|MATLAB|language|The MathWorks MATLAB
julia|Julia|language|
solidity|Solidity|language|
graphql|GraphQL|language|
json|JSON|language|JavaScript Object Notation
xml|XML|language|Extensible Markup Language
yaml|YAML|language|yml
markdown|Markdown|language|
vba|VBA|language|Visual Basic for Applications,Excel VBA
visual-basic|Visual Basic|language|VB,VB.NET,Visual Basic .NET
assembly|Assembly|language|Assembly language,asm
cobol|COBOL|language|
fortran|Fortran|language|
groovy|Groovy|language|
ocaml|OCaml|language|
webassembly|WebAssembly|language|Wasm
react|React|framework|React.js,ReactJS,React JS
react-native|React Native|framework|
vue|Vue.js|framework|Vue,VueJS,Vue JS
angular|Angular|framework|Google Angular,Angular 2
angularjs|AngularJS|framework|Angular.js,Angular 1
svelte|Svelte|framework|SvelteKit
nextjs|Next.js|framework|NextJS,Next JS
nuxt|Nuxt|framework|Nuxt.js,NuxtJS
express|Express|framework|Express.js,ExpressJS
nestjs|NestJS|framework|Nest.js
django|Django|framework|
flask|Flask|framework|
fastapi|FastAPI|framework|
rails|Ruby on Rails|framework|Rails,RoR
spring|Spring|framework|Spring Framework
spring-boot|Spring Boot|framework|SpringBoot
dotnet|.NET|framework|dot net,.NET Core,.NET Framework,Microsoft .NET Framework
aspnet|ASP.NET|framework|ASP.NET Core,ASP.NET MVC,Microsoft ASP.NET
laravel|Laravel|framework|
symfony|Symfony|framework|
jquery|jQuery|framework|
bootstrap|Bootstrap|framework|Twitter Bootstrap
tailwind|Tailwind CSS|framework|Tailwind,TailwindCSS
redux|Redux|framework|
flutter|Flutter|framework|
electron|Electron|framework|
pytorch|PyTorch|framework|
tensorflow|TensorFlow|framework|
keras|Keras|framework|
scikit-learn|scikit-learn|framework|sklearn,scikit learn
pandas|pandas|framework|
numpy|NumPy|framework|
spark|Apache Spark|framework|Spark,PySpark
hadoop|Apache Hadoop|framework|Hadoop
hibernate|Hibernate|framework|Hibernate ORM
qt|Qt|framework|
langchain|LangChain|framework|
nodejs|Node.js|platform|Node,NodeJS,Node JS
deno|Deno|platform|
aws|AWS|platform|Amazon Web Services,Amazon Web Services AWS
gcp|Google Cloud Platform|platform|GCP,Google Cloud
azure|Microsoft Azure|platform|Azure
linux|Linux|platform|GNU/Linux
unix|Unix|platform|
windows|Microsoft Windows|platform|Windows
macos|macOS|platform|Mac OS,OS X,OSX,Apple macOS
ios|iOS|platform|Apple iOS
android|Android|platform|Google Android
kubernetes|Kubernetes|platform|k8s,kube
openshift|OpenShift|platform|Red Hat OpenShift
s3|Amazon S3|platform|S3,Amazon Simple Storage Service,Amazon Simple Storage Service S3
ec2|Amazon EC2|platform|EC2,Amazon Elastic Compute Cloud
aws-lambda|AWS Lambda|platform|Amazon Lambda
heroku|Heroku|platform|
vercel|Vercel|platform|
netlify|Netlify|platform|
cloudflare|Cloudflare|platform|
firebase|Firebase|platform|
github|GitHub|platform|
gitlab|GitLab|platform|
bitbucket|Bitbucket|platform|Atlassian Bitbucket
salesforce|Salesforce|platform|
wordpress|WordPress|platform|
shopify|Shopify|platform|
docker|Docker|tool|
postgresql|PostgreSQL|tool|Postgres,psql,pgsql,Postgre SQL,PostgresSQL
mysql|MySQL|tool|
mariadb|MariaDB|tool|
sqlite|SQLite|tool|
mongodb|MongoDB|tool|Mongo
redis|Redis|tool|
elasticsearch|Elasticsearch|tool|Elastic Search
cassandra|Apache Cassandra|tool|Cassandra
dynamodb|Amazon DynamoDB|tool|DynamoDB
sql-server|Microsoft SQL Server|tool|SQL Server,MSSQL,MS SQL,MS SQL Server
oracle-database|Oracle Database|tool|Oracle DB,Oracle RDBMS
snowflake|Snowflake|tool|
bigquery|BigQuery|tool|Google BigQuery
redshift|Amazon Redshift|tool|Redshift
kafka|Apache Kafka|tool|Kafka
rabbitmq|RabbitMQ|tool|
airflow|Apache Airflow|tool|Airflow
dbt|dbt|tool|data build tool
cloudformation|AWS CloudFormation|tool|CloudFormation,Amazon Web Services AWS CloudFormation
git|Git|tool|
svn|Subversion|tool|SVN,Apache Subversion
terraform|Terraform|tool|HashiCorp Terraform,IBM Terraform
ansible|Ansible|tool|
puppet|Puppet|tool|
chef|Chef|tool|Chef Infra
jenkins|Jenkins|tool|Jenkins CI
github-actions|GitHub Actions|tool|GH Actions
gitlab-ci|GitLab CI|tool|GitLab CI/CD
circleci|CircleCI|tool|
argo-cd|Argo CD|tool|ArgoCD
helm|Helm|tool|
prometheus|Prometheus|tool|
grafana|Grafana|tool|
datadog|Datadog|tool|
splunk|Splunk|tool|Splunk Enterprise
nginx|NGINX|tool|
webpack|webpack|tool|
vite|Vite|tool|
babel|Babel|tool|
eslint|ESLint|tool|
npm|npm|tool|
yarn|Yarn|tool|
maven|Apache Maven|tool|Maven
gradle|Gradle|tool|
make|Make|tool|GNU Make,Makefile
cmake|CMake|tool|
ant|Apache Ant|tool|Ant
jest|Jest|tool|
junit|JUnit|tool|
pytest|pytest|tool|
cypress|Cypress|tool|
playwright|Playwright|tool|
selenium|Selenium|tool|Selenium WebDriver
jira|Jira|tool|Atlassian JIRA,JIRA
confluence|Confluence|tool|Atlassian Confluence
figma|Figma|tool|
photoshop|Adobe Photoshop|tool|Photoshop
excel|Microsoft Excel|tool|Excel,MS Excel
powerbi|Power BI|tool|Microsoft Power BI,PowerBI
tableau|Tableau|tool|
looker|Looker|tool|
vscode|Visual Studio Code|tool|VS Code,VSCode
visual-studio|Visual Studio|tool|Microsoft Visual Studio
intellij|IntelliJ IDEA|tool|IntelliJ
vim|Vim|tool|
emacs|Emacs|tool|
storybook|Storybook|tool|
postman|Postman|tool|
openapi|OpenAPI|tool|Swagger
grpc|gRPC|tool|
opentelemetry|OpenTelemetry|tool|OTel
unity|Unity|tool|Unity3D,Unity 3D
hugging-face|Hugging Face|tool|HuggingFace,Hugging Face Transformers
machine-learning|Machine Learning|domain|ML
deep-learning|Deep Learning|domain|
ai|Artificial Intelligence|domain|AI
nlp|Natural Language Processing|domain|NLP
computer-vision|Computer Vision|domain|
llm|Large Language Models|domain|LLM,LLMs
generative-ai|Generative AI|domain|GenAI
data-science|Data Science|domain|
data-engineering|Data Engineering|domain|
data-analysis|Data Analysis|domain|Data Analytics
ci-cd|CI/CD|domain|CI,CI CD,CICD,Continuous Integration,Continuous Delivery,Continuous Deployment
devops|DevOps|domain|Dev Ops
sre|Site Reliability Engineering|domain|SRE
microservices|Microservices|domain|Microservice,Microservice Architecture,Microservices Architecture
distributed-systems|Distributed Systems|domain|
cloud-computing|Cloud Computing|domain|
cybersecurity|Cybersecurity|domain|Cyber Security,Information Security,InfoSec,IT Security
tdd|Test-Driven Development|domain|TDD
test-automation|Test Automation|domain|Automated Testing
agile|Agile|domain|Agile Methodologies,Agile Development
scrum|Scrum|domain|
kanban|Kanban|domain|
rest|REST|domain|RESTful,REST API,REST APIs,RESTful API,RESTful APIs
api-design|API Design|domain|
system-design|System Design|domain|
ux|UX Design|domain|UX,User Experience,User Experience Design
ui|UI Design|domain|UI,User Interface Design
accessibility|Accessibility|domain|a11y,WCAG
seo|SEO|domain|Search Engine Optimization,Search Engine Optimisation
etl|ETL|domain|
data-warehousing|Data Warehousing|domain|Data Warehouse
mlops|MLOps|domain|
observability|Observability|domain|
frontend|Frontend Development|domain|Frontend,Front-end,Front end,Front-end Development
backend|Backend Development|domain|Backend,Back-end,Back end,Back-end Development
full-stack|Full-Stack Development|domain|Full stack,Fullstack
mobile-development|Mobile Development|domain|Mobile App Development
web-development|Web Development|domain|
embedded-systems|Embedded Systems|domain|
blockchain|Blockchain|domain|
product-management|Product Management|domain|
project-management|Project Management|domain|project management principles
oop|Object-Oriented Programming|domain|OOP
functional-programming|Functional Programming|domain|
ab-testing|A/B Testing|domain|AB testing
design-thinking|Design Thinking|domain|apply systemic design thinking
communication|Communication|soft|Communication skills
teamwork|Teamwork|soft|Team work,Team player,work in teams,teamwork principles
collaboration|Collaboration|soft|
leadership|Leadership|soft|Team leadership,leadership principles,lead a team
problem-solving|Problem Solving|soft|solve problems
critical-thinking|Critical Thinking|soft|think critically
analytical-thinking|Analytical Thinking|soft|Analytical skills,think analytically
mentoring|Mentoring|soft|Mentorship,provide mentorship,mentor individuals
time-management|Time Management|soft|
adaptability|Adaptability|soft|adapt to change
creativity|Creativity|soft|
attention-to-detail|Attention to Detail|soft|Detail-oriented
conflict-resolution|Conflict Resolution|soft|Conflict management,apply conflict management,resolve conflicts
stakeholder-management|Stakeholder Management|soft|manage relationships with stakeholders
public-speaking|Public Speaking|soft|Presentation skills
negotiation|Negotiation|soft|
customer-service|Customer Service|soft|maintain customer service
empathy|Empathy|soft|show empathy
strategic-thinking|Strategic Thinking|soft|apply strategic thinking
prioritization|Prioritization|soft|Prioritisation,establish daily priorities
`;

export const CURATED_ENTRIES = TABLE.trim()
  .split('\n')
  .map((line) => {
    const [id, name, category, aliases] = line.split('|');
    return { id, name, category, aliases: aliases ? aliases.split(',') : [] };
  });
