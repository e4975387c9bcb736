// The Mapwright DSL: workloads as einsums, networks as layer lists, accelerators as storage levels with fan-outs,
// and mappings as per-level loops. Layout is free: newlines are whitespace and ';' is optional after a statement.
grammar Mapwright;

file
    : topDecl* EOF
    ;

topDecl
    : includeDecl
    | workloadDecl
    | layerDecl
    | networkDecl
    | acceleratorDecl
    | mappingDecl
    | constraintsDecl
    | spaceDecl
    ;

includeDecl
    : 'include' STRING ';'?
    ;

// ---------------------------------------------------------------- workloads

// workload conv2d {
//   dims  N = 1, M, C, P, Q, R, S
//   coefs stride = 1, dilation = 1
//   Outputs[N, M, Q, P] += Weights[M, C, R, S] * Inputs[N, C, Q*stride + S*dilation, P*stride + R*dilation]
// }
workloadDecl
    : 'workload' name=ident '{' workloadItem* '}'
    ;

workloadItem
    : 'dims' paramDecl (',' paramDecl)* ';'?          # dimsItem
    | 'coefs' paramDecl (',' paramDecl)* ';'?         # coefsItem
    | einsum ';'?                                     # einsumItem
    ;

paramDecl
    : ident ('=' number)?
    ;

einsum
    : output=access '+=' operands+=access ('*' operands+=access)*
    ;

access
    : tensor=ident '[' indexExpr (',' indexExpr)* ']'
    ;

indexExpr
    : indexTerm ('+' indexTerm)*
    ;

indexTerm
    : indexFactor ('*' indexFactor)*
    ;

indexFactor
    : ident
    | INT
    ;

// ---------------------------------------------------------------- layers and networks

layerDecl
    : 'layer' name=ident '=' instance ';'?
    ;

instance
    : template=ident '(' (arg (',' arg)*)? ')' ('repeat' repeat=number)?
    ;

arg
    : ident '=' number
    ;

// network resnet50 {
//   conv1 = conv2d(C = 3, M = 64, P = 112, Q = 112, R = 7, S = 7, stride = 2)
//   res2b_2a = conv2d(C = 256, M = 64, P = 56, Q = 56) repeat 2
// }
networkDecl
    : 'network' name=ident '{' networkItem* '}'
    ;

networkItem
    : 'layer'? name=ident '=' instance ';'?
    ;

// ---------------------------------------------------------------- accelerators

acceleratorDecl
    : 'accelerator' name=ident '{' archItem* '}'
    ;

archItem
    : levelDecl
    | fanoutDecl
    | computeDecl
    | linksDecl
    | technologyDecl
    ;

// technology 16nm: the process that `energy class ...` and area estimates use (default 45nm)
technologyDecl
    : 'technology' number? ident ';'?
    ;

// links off: no forwarding between neighbouring instances (Timeloop's TIMELOOP_DISABLE_LINK_TRANSFERS=1)
linksDecl
    : 'links' state=('on' | 'off') ';'?
    ;

levelDecl
    : 'level' name=ident '{' levelAttr* '}'
    ;

levelAttr
    : 'capacity' quantity ';'?                              # capacityAttr
    | 'word' quantity ';'?                                  # wordAttr
    | 'block' quantity ';'?                                 # blockAttr
    | 'bandwidth' bandwidthItem (',' bandwidthItem)* ';'?   # bandwidthAttr
    | 'energy' energySpec ';'?                              # energyAttr
    | 'keeps' nameList ';'?                                 # keepsAttr
    | 'buffering' quantity ';'?                             # bufferingAttr
    | 'area' quantity ';'?                                  # areaAttr
    | 'banks' quantity ';'?                                 # banksAttr
    ;

bandwidthItem
    : kind=('read' | 'write' | 'shared') quantity
    ;

energySpec
    : 'class' className=ident                             # energyClass
    | energyItem (',' energyItem)*                        # energyActions
    | quantity                                            # energyBoth
    ;

energyItem
    : kind=('read' | 'write' | 'mac') quantity
    ;

// fanout 14 x 12 { x: M, C  y: S, Q  hop 0.5 pJ }
fanoutDecl
    : 'fanout' MESH fanoutBody? ';'?
    ;

fanoutBody
    : '{' (axisAllow | hopItem)* '}'
    ;

// energy to move one word one hop across the mesh
hopItem
    : 'hop' quantity ';'?
    ;

axisAllow
    : axis=ident ':' nameList ';'?
    ;

computeDecl
    : 'compute' name=ident '{' computeAttr* '}'
    ;

computeAttr
    : 'energy' energySpec ';'?                            # computeEnergyAttr
    | 'area' quantity ';'?                                # computeAreaAttr
    | 'count' quantity ';'?                               # computeCountAttr
    ;

// ---------------------------------------------------------------- mappings

// mapping m0 for resnet50.res2a_2b on eyeriss_like {
//   DRAM       { keep Weights, Inputs, Outputs  temporal C=2 P=2 M=2 Q=2 }
//   shared_glb { keep Inputs, Outputs  temporal C=8 Q=14 P=7  spatial x M=8 }
// }
mappingDecl
    : 'mapping' name=ident ('for' target=qualifiedName)? ('on' arch=ident)? '{' mappingLevel* '}'
    ;

qualifiedName
    : ident ('.' ident)*
    ;

mappingLevel
    : level=ident '{' mappingItem* '}'
    ;

mappingItem
    : 'keep' nameList ';'?                                # keepItem
    | 'bypass' nameList ';'?                              # bypassItem
    | 'temporal' loopFactor* ';'?                         # temporalItem
    | 'spatial' axis=ident loopFactor* ';'?               # spatialItem
    | 'spatial' loopFactor+ ';'?                          # spatialNoAxisItem
    ;

loopFactor
    : dim=ident '=' factor=number ','?
    ;

// ---------------------------------------------------------------- search-space constraints

// constraints row_stationary on eyeriss_like {
//   weights_spad { keep Weights  temporal N=1 M=1 R=all  order C R }
//   DummyBuffer  { keep none  spatial S=all  y: S, C  x: N, P }
//   utilization 0.5
// }
constraintsDecl
    : 'constraints' name=ident ('on' arch=ident)? '{' constraintItem* '}'
    ;

constraintItem
    : level=ident '{' constraintClause* '}'              # constraintLevel
    | 'utilization' number ';'?                          # utilizationItem
    ;

constraintClause
    : 'keep' nameList ';'?                               # constraintKeep
    | 'bypass' nameList ';'?                             # constraintBypass
    | 'temporal' factorRule* ';'?                        # constraintTemporal
    | 'spatial' factorRule* ';'?                         # constraintSpatial
    | 'order' ident+ ';'?                                # constraintOrder
    | axis=ident ':' nameList ';'?                       # constraintAxis
    ;

factorRule
    : dim=ident ('=' (number | whole='all') | atMost='<=' number) ','?
    ;

// ---------------------------------------------------------------- architecture spaces

// space tiny {
//   technology 45nm
//   limits { compute 256  onchip 256 KiB  area 4 mm2 }
//   level DRAM { kind dram  word 16 bits  block 4 words }
//   level glb  { kind sram  word 16 bits  capacity 16 KiB .. 256 KiB *2  block {1, 2, 4} words  banks {1 .. 8 *2}
//                keeps all | {Inputs, Outputs} }
//   fanout {2 .. 16} x {2 .. 16} { x: top {1, 2} of N, M, C, P, Q, R, S  dataflow x: C  y: M }
//   level reg  { kind register  word 16 bits  capacity 1 words  keeps Weights }
//   compute mac { word 16 bits }
// }
spaceDecl
    : 'space' name=ident '{' spaceItem* '}'
    ;

spaceItem
    : 'level' name=ident '{' spaceAttr* '}'                       # spaceLevel
    | 'fanout' spaceMesh ('{' spaceAxis* '}')? ';'?               # spaceFanout
    | 'compute' name=ident '{' spaceAttr* '}'                     # spaceCompute
    | 'links' state=('on' | 'off') ';'?                           # spaceLinks
    | 'technology' techName ';'?                                  # spaceTechnology
    | block=ident '{' spaceAttr* '}'                              # spaceBlock
    ;

// 45nm lexes as a number and a name
techName
    : ident
    | number ident?
    ;

// The technology's own keywords name attributes here too.
spaceAttr
    : key=spaceKey spaceValue ';'?
    ;

spaceKey
    : ident
    | 'compute'
    | 'banks'
    | 'energy'
    ;

// Numbers: one value, a range, or a set of values and ranges with the unit once after it. Names: alternatives
// separated by '|', each a name list or a braced set ({} or none for the empty set).
spaceValue
    : '{' spaceRange (',' spaceRange)* '}' unit?                  # spaceNumberSet
    | spaceRange                                                  # spaceNumberRange
    | spaceNames ('|' spaceNames)*                                # spaceNameChoice
    ;

// lo .. hi every integer; lo .. hi +s arithmetic; lo .. hi *f (or xf) geometric. "256 x2" lexes as a mesh.
spaceRange
    : lo=quantity '..' stepMesh=MESH unit?
    | lo=quantity ('..' hi=quantity spaceStep?)?
    ;

spaceStep
    : op=('*' | '+') INT
    | {_input.LT(1).getText().matches("x[0-9]+")}? ID
    ;

spaceNames
    : '{' nameList? '}'
    | nameList
    ;

// {2 .. 32} x 1, 14 x {1 .. 12}, or a fixed mesh such as 14 x 12
spaceMesh
    : MESH
    | xs=spaceSide cross=ident ys=spaceSide
    ;

spaceSide
    : '{' spaceRange (',' spaceRange)* '}'
    | INT
    ;

// x: top {1, 2} of N, M, C (NAAS's connectivity: the k most important of the candidates are unrolled)
// x: Q, M (fixed), dataflow x: Q, M (the reference dataflow, fixed by the sizing-only space)
spaceAxis
    : axis=ident ':' top=ident k=spaceSide (of=ident candidates=nameList)? ';'?     # spaceAxisTop
    | axis=ident ':' nameList ';'?                                                 # spaceAxisFixed
    | flow=ident axis=ident ':' nameList ';'?                                      # spaceAxisDataflow
    ;

// ---------------------------------------------------------------- shared

nameList
    : 'none'
    | 'all'
    | ident (',' ident)*
    ;

quantity
    : number unit?
    ;

unit
    : ident ('/' ident)?
    ;

number
    : INT
    | DECIMAL
    ;

// Keywords that only start attributes may still be used as names.
ident
    : ID
    | 'space'
    | 'capacity' | 'word' | 'block' | 'bandwidth' | 'keeps' | 'buffering' | 'area' | 'count'
    | 'read' | 'write' | 'shared' | 'mac' | 'class' | 'dims' | 'coefs' | 'repeat' | 'keep' | 'bypass'
    | 'temporal' | 'spatial' | 'for' | 'on' | 'none' | 'all' | 'order' | 'utilization' | 'links' | 'off'
    | 'banks' | 'hop' | 'technology'
    ;

MESH
    : [0-9]+ [ \t]* 'x' [ \t]* [0-9]+
    ;

DECIMAL
    : [0-9]+ '.' [0-9]+ ([eE] [+-]? [0-9]+)?
    | [0-9]+ [eE] [+-]? [0-9]+
    ;

INT
    : [0-9]+
    ;

ID
    : [a-zA-Z_] [a-zA-Z_0-9]*
    ;

STRING
    : '"' (~["\\\r\n] | '\\' .)* '"'
    ;

LINE_COMMENT
    : ('//' | '#') ~[\r\n]* -> skip
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> skip
    ;

// A comment that never ends: reported by the parser with a hint instead of as stray characters.
UNTERMINATED_COMMENT
    : '/*' (~[*] | '*'+ ~[*/])* '*'* EOF
    ;

// A string that reaches the end of its line.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' .)*
    ;

WS
    : [ \t\r\n\f]+ -> skip
    ;

// Anything else is reported as an unexpected character rather than silently dropped.
ERROR_CHAR
    : .
    ;
